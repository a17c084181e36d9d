export { useLiveValue, LIVE_REFRESH_MS } from './useLiveValue';
export { Pending } from './Pending';
