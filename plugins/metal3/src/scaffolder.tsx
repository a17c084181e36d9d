import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  createApiFactory,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { Metal3Client, metal3ApiRef } from './api';
import { METAL3_FIELDS } from './components/ScaffolderFields/fields';

type FieldName = (typeof METAL3_FIELDS)[number]['name'];

const byName = (name: FieldName) => METAL3_FIELDS.find(f => f.name === name)!;

const kebab = (name: string) =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * The Metal3 scaffolder fields for the new frontend system: a module of the
 * scaffolder plugin, added to the app's features.
 *
 * @alpha
 */
export const metal3ScaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: METAL3_FIELDS.map(field =>
    FormFieldBlueprint.make({
      name: kebab(field.name),
      params: {
        field: async () =>
          createFormField({
            name: field.name,
            component: field.component,
            ...('validation' in field && { validation: field.validation }),
          }),
      },
    }),
  ),
});

/**
 * The legacy (`@backstage/core-plugin-api`) plugin, only for apps on the
 * legacy frontend system: it carries the API and the field extensions.
 *
 * @public
 */
export const metal3LegacyPlugin = createPlugin({
  id: 'metal3',
  apis: [
    createApiFactory({
      api: metal3ApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new Metal3Client(deps),
    }),
  ],
});

const legacyField = (name: FieldName) => {
  const field = byName(name);
  return metal3LegacyPlugin.provide(
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
