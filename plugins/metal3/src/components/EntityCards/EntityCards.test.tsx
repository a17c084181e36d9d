import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { describeHost, describePool } from '@metal3-fleet/plugin-metal3-common';
import { metal3ApiRef } from '../../api';
import { HostLiveStatusCard, PoolLiveStatusCard } from './HostLiveStatusCard';

const entity = (type: string, name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `kube-dc-mgmt.metal3.${name}`,
    annotations: {
      'backstage.io/kubernetes-cluster': 'kube-dc-mgmt',
      'backstage.io/kubernetes-namespace': 'metal3',
      'metal3.backstage.io/name': name,
    },
  },
  spec: { type, owner: 'group:default/metal3-admins' },
});

describe('entity cards', () => {
  it('asks the backend for the live state of the host the entity names', async () => {
    const getHost = jest.fn(async (ref: any) => ({
      ...ref,
      status: describeHost({
        provisioningState: 'provisioned',
        poweredOn: false,
        online: false,
      }),
      provisioningState: 'provisioned',
    }));
    await renderInTestApp(
      <TestApiProvider apis={[[metal3ApiRef, { getHost }]]}>
        <EntityProvider entity={entity('baremetal-host', 'worker-0')}>
          <HostLiveStatusCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Provisioned')).toBeInTheDocument();
    expect(screen.getByText('off')).toBeInTheDocument();
    expect(getHost).toHaveBeenCalledWith({
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      name: 'worker-0',
    });
  });

  it('shows pool health and capacity', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            metal3ApiRef,
            {
              getPool: async (ref: any) => ({
                ...ref,
                desiredReplicas: 3,
                availableReplicas: 2,
                freeMatchingHosts: 4,
                health: describePool({
                  desired: 3,
                  current: 2,
                  available: 2,
                  freeMatchingHosts: 4,
                }),
              }),
            },
          ],
        ]}
      >
        <EntityProvider entity={entity('worker-pool', 'kube-dc-workers')}>
          <PoolLiveStatusCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Scaling up')).toBeInTheDocument();
    expect(screen.getByText('2 available of 3 desired')).toBeInTheDocument();
  });
});
