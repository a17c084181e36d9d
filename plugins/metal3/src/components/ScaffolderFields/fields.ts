import { Metal3BmcAddress, validateBmcAddress } from './Metal3BmcAddress';
import { Metal3BootMac, validateBootMacField } from './Metal3BootMac';
import { Metal3HostPicker } from './Metal3HostPicker';
import { Metal3PoolPicker } from './Metal3PoolPicker';

/**
 * The scaffolder fields of the plugin, by the `ui:field` name templates use.
 * Both registrations (new frontend system and legacy) read this list.
 *
 * @public
 */
export const METAL3_FIELDS = [
  { name: 'Metal3HostPicker', component: Metal3HostPicker },
  { name: 'Metal3PoolPicker', component: Metal3PoolPicker },
  {
    name: 'Metal3BmcAddress',
    component: Metal3BmcAddress,
    validation: validateBmcAddress,
  },
  {
    name: 'Metal3BootMac',
    component: Metal3BootMac,
    validation: validateBootMacField,
  },
] as const;
