export * from './hostOperations';
export * from './nodeMaintenance';
