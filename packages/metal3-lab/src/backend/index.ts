export { labBackendPlugin } from './labPlugin';
