export * from './types';
export * from './catalogue';
export * from './subjects';
export * from './inputs';
export * from './grouping';
export * from './fleetFilters';
export * from './stack';
export * from './imageRefs';
export * from './imageRules';
export { collectImages } from './imageUse';
export type {
  HostImageUse,
  ImageInUse,
  ImagesInput,
  ImageVariant,
  PoolImageUse,
  UrlProbe,
} from './imageUse';
export * from './images';
export * from './trunkNic';
export * from './network';
export * from './nodeRoles';
export * from './healthCheckThreshold';
export * from './remediation';
export * from './hostRemediation';
export * from './drift';
export * from './hostPractices';
export * from './nodeReuse';
export * from './workerJoin';
