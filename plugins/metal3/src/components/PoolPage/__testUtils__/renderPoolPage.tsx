import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Route, Routes } from 'react-router-dom';
import { Metal3Api, metal3ApiRef } from '../../../api';
import { testRoutes } from '../../../testUtils/routes';
import { PoolPage } from '../PoolPage';

/**
 * The pool page of kube-dc-mgmt/metal3/kube-dc-workers at its route, with
 * the given client and permission API (every permission allowed by default).
 */
export function renderPoolPage(
  metal3Api: Partial<Metal3Api>,
  permissionApi: ReturnType<typeof mockApis.permission> = mockApis.permission(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [metal3ApiRef, metal3Api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <Routes>
        <Route
          path="/metal3/pools/:cluster/:namespace/:name"
          element={<PoolPage />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers'],
      mountedRoutes: testRoutes(),
    },
  );
}
