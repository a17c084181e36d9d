export { HostActions } from './HostActions';
