export {
  HostLiveStatusCard,
  PoolLiveStatusCard,
  metal3RefOf,
} from './HostLiveStatusCard';
