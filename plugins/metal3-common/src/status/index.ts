export * from './hostErrors';
export * from './hostStatus';
export * from './stuck';
export * from './poolHealth';
