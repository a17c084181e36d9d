export * from './searchDocument';
