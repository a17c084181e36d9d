export * from './common';
export * from './hosts';
export * from './hostActions';
export * from './pools';
export * from './clusters';
export * from './events';
export * from './bmc';
export * from './approvals';
