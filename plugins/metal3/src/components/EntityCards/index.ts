export {
  HostLiveStatusCard,
  PoolLiveStatusCard,
  metal3RefOf,
} from './HostLiveStatusCard';
export { HostBmcContent } from './HostBmcContent';
