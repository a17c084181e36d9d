export { Metal3HostPicker } from './Metal3HostPicker';
export type { Metal3HostPickerUiOptions } from './Metal3HostPicker';
export { Metal3PoolPicker } from './Metal3PoolPicker';
export type { Metal3PoolPickerUiOptions } from './Metal3PoolPicker';
export { Metal3BmcAddress, validateBmcAddress } from './Metal3BmcAddress';
export type { Metal3BmcAddressUiOptions } from './Metal3BmcAddress';
export { Metal3BootMac, validateBootMacField } from './Metal3BootMac';
export { METAL3_FIELDS } from './fields';
