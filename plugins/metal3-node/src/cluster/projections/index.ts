export * from './common';
export * from './bareMetalHost';
export * from './capi';
export * from './metal3';
export * from './node';
export * from './apps';
export * from './kubeovn';
export * from './hostStatusInput';
