export {
  linkHost,
  poolTemplate,
  isClaimable,
  freeMatchingHosts,
} from './fleetLinks';
export type { HostLinks, FleetLookup } from './fleetLinks';
