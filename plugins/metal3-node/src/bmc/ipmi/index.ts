export { createIpmiReader } from './createIpmiReader';
export type { IpmiReaderOptions } from './createIpmiReader';
export type { ExecFileSeam } from './ipmitool';
