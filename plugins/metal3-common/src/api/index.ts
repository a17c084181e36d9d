export * from './types';
export * from './bmc';
