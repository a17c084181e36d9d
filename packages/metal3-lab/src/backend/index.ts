export { labBackendPlugin } from './labPlugin';
export { labKubernetesTabModule } from './kubernetesTabModule';
