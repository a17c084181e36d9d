export { HostTable } from './HostTable';
