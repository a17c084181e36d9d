export { HostHistory } from './HostHistory';
