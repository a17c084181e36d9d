import { useApi } from '@backstage/frontend-plugin-api';
import {
  createExtension,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { formFieldsApiRef } from '@backstage/plugin-scaffolder-react/alpha';
import { screen } from '@testing-library/react';
import useAsync from 'react-use/esm/useAsync';
import { metal3Plugin } from './plugin';

/** Lists the fields the scaffolder's form-fields API loads, as its forms do. */
const FieldNames = () => {
  const formFieldsApi = useApi(formFieldsApiRef);
  const { value } = useAsync(() => formFieldsApi.loadFormFields(), []);
  if (!value) return null;
  return (
    <ul aria-label="form fields">
      {value.map(field => (
        // The field's name is what a template's `ui:field` names.
        <li key={(field as any).name}>{(field as any).name}</li>
      ))}
    </ul>
  );
};

const fieldNamesPage = createExtension({
  name: 'field-names',
  attachTo: { id: 'app/routes', input: 'routes' },
  output: [coreExtensionData.reactElement, coreExtensionData.routePath],
  factory: () => [
    coreExtensionData.reactElement(<FieldNames />),
    coreExtensionData.routePath('/field-names'),
  ],
});

describe('scaffolder fields (new frontend system)', () => {
  it('come with the plugin: an app that installs it and the scaffolder has them', async () => {
    renderTestApp({
      features: [scaffolderPlugin, metal3Plugin],
      extensions: [fieldNamesPage],
      apis: [mockApis.permission()],
      initialRouteEntries: ['/field-names'],
    });
    const list = await screen.findByRole(
      'list',
      { name: 'form fields' },
      { timeout: 10_000 },
    );
    expect([...list.querySelectorAll('li')].map(li => li.textContent)).toEqual(
      expect.arrayContaining([
        'Metal3HostPicker',
        'Metal3PoolPicker',
        'Metal3BmcAddress',
        'Metal3BootMac',
      ]),
    );
  }, 20_000);
});
