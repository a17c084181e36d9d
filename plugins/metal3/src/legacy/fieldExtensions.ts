import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { METAL3_FIELDS } from '../components/ScaffolderFields/fields';
import { metal3Plugin } from './plugin';

type FieldName = (typeof METAL3_FIELDS)[number]['name'];

const legacyField = (name: FieldName) => {
  const field = METAL3_FIELDS.find(f => f.name === name)!;
  return metal3Plugin.provide(
    createScaffolderFieldExtension({
      name: field.name,
      component: field.component as any,
      validation: ('validation' in field ? field.validation : undefined) as any,
    }),
  );
};

/** Legacy: put inside `<ScaffolderFieldExtensions>`. @public */
export const Metal3HostPickerFieldExtension = legacyField('Metal3HostPicker');
/** Legacy: put inside `<ScaffolderFieldExtensions>`. @public */
export const Metal3PoolPickerFieldExtension = legacyField('Metal3PoolPicker');
/** Legacy: put inside `<ScaffolderFieldExtensions>`. @public */
export const Metal3BmcAddressFieldExtension = legacyField('Metal3BmcAddress');
/** Legacy: put inside `<ScaffolderFieldExtensions>`. @public */
export const Metal3BootMacFieldExtension = legacyField('Metal3BootMac');
