export * from './labelSelector';
