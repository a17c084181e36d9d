export * from './bmcSummary';
export * from './ownerResolver';
