export * from './annotations';
export * from './entityNames';
