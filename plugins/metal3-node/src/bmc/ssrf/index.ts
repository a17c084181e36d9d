export { createSsrfGuard } from './ssrfGuard';
export type { GuardVerdict, SsrfGuardOptions } from './ssrfGuard';
export { ssrfGuardFromConfig } from './guardFromConfig';
export { readHost } from './hostLiteral';
export type { HostLiteral } from './hostLiteral';
export { carriedIpv4 } from './carriedIpv4';
export type { CarriedIpv4 } from './carriedIpv4';
export { REFUSED_NETWORKS, ALLOWABLE_CATEGORIES } from './refusedNetworks';
export type { AllowableCategory, RefusedCategory } from './refusedNetworks';
