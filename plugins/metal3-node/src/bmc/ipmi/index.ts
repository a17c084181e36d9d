export { createIpmiReader } from './createIpmiReader';
export type { IpmiReaderOptions } from './createIpmiReader';
