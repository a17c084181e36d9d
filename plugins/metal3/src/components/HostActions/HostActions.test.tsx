import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { describeHost } from '@metal3-fleet/plugin-metal3-common';
import { HostDetailDto, metal3ApiRef } from '../../api';
import { HostActions } from './HostActions';

// Its own file: usePermission caches decisions per permission for the whole
// test file, so a denied user cannot share a file with allowed ones.
const host = {
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'worker-0',
  status: describeHost({
    provisioningState: 'provisioned',
    poweredOn: true,
    online: true,
  }),
  provisioningState: 'provisioned',
  online: true,
  pool: {
    cluster: 'kube-dc-mgmt',
    namespace: 'metal3',
    name: 'kube-dc-workers',
  },
  machine: 'kube-dc-workers-abc',
  node: { name: 'worker-0', ready: 'True', unschedulable: false },
} as HostDetailDto;

describe('HostActions without permission', () => {
  it('offers no operation to a user the policy denies', async () => {
    const authorize = jest.fn(
      (): AuthorizeResult.ALLOW | AuthorizeResult.DENY => AuthorizeResult.DENY,
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [metal3ApiRef, {}],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <div>actions:</div>
        <HostActions host={host} onDone={() => {}} />
      </TestApiProvider>,
    );
    await screen.findByText('actions:');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(authorize).toHaveBeenCalled();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
