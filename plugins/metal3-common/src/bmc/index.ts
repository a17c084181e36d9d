export * from './schemes';
export * from './host';
export * from './parseBmcAddress';
export * from './bootMac';
export * from './redactBmcCredentials';
