import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { METAL3_FIELDS } from '../components/ScaffolderFields/fields';

const kebab = (name: string) =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * The scaffolder fields, as extensions of this plugin attached to the
 * scaffolder's form-fields API (the blueprint's default attachment point):
 * installing the plugin installs them, so the one-line install gives an
 * enroll form with its BMC field. Without the scaffolder they attach to
 * nothing and stay unused.
 */
export const formFields = METAL3_FIELDS.map(field =>
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
);
