import { identityOf, ObjectIdentity } from './common';
import { intern, internRecord } from './intern';

/**
 * A Kube-OVN ProviderNetwork (cluster-scoped): which NIC carries it on each
 * node, and where Kube-OVN's daemon reports it ready.
 *
 * @public
 */
export interface ProviderNetworkProjection extends ObjectIdentity {
  defaultInterface?: string;
  customInterfaces: { interface: string; nodes: string[] }[];
  excludeNodes: string[];
  nodeSelector?: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  /** Absent until Kube-OVN has reported on the network. */
  status?: {
    readyNodes: string[];
    notReadyNodes: string[];
    vlans: string[];
  };
}

/** @public */
export function projectProviderNetwork(raw: any): ProviderNetworkProjection {
  const spec = raw?.spec ?? {};
  const status = raw?.status;
  const strings = (list: unknown): string[] =>
    Array.isArray(list)
      ? list.filter((s): s is string => typeof s === 'string').map(intern)
      : [];
  const selector = spec.nodeSelector;
  return {
    ...identityOf(raw),
    defaultInterface: intern(spec.defaultInterface),
    customInterfaces: (spec.customInterfaces ?? []).map((c: any) => ({
      interface: intern(c?.interface),
      nodes: strings(c?.nodes),
    })),
    excludeNodes: strings(spec.excludeNodes),
    ...(selector && {
      nodeSelector: {
        ...(selector.matchLabels && {
          matchLabels: internRecord(selector.matchLabels),
        }),
        ...(selector.matchExpressions && {
          matchExpressions: selector.matchExpressions.map((e: any) => ({
            key: e.key,
            operator: e.operator,
            ...(e.values && { values: strings(e.values) }),
          })),
        }),
      },
    }),
    // An object Kube-OVN has not reconciled has no status at all; once it
    // has, empty lists are left out (omitempty), so they read as empty.
    ...(status &&
      typeof status === 'object' &&
      Object.keys(status).length > 0 && {
        status: {
          readyNodes: strings(status.readyNodes),
          notReadyNodes: strings(status.notReadyNodes),
          vlans: strings(status.vlans),
        },
      }),
  };
}
