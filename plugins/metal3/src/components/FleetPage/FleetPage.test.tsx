import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Metal3Api, metal3ApiRef } from '../../api';
import { FleetPage } from './FleetPage';

function renderWith(api: Partial<Metal3Api>) {
  return renderInTestApp(
    <TestApiProvider apis={[[metal3ApiRef, api]]}>
      <FleetPage />
    </TestApiProvider>,
  );
}

describe('FleetPage', () => {
  it('lists the configured clusters', async () => {
    await renderWith({
      listClusters: async () => [
        {
          name: 'kube-dc-mgmt',
          title: 'Kube-DC management',
          authProvider: 'kubeconfig',
        },
      ],
    });
    expect(await screen.findByText('Kube-DC management')).toBeInTheDocument();
    expect(screen.getByText('Kubeconfig')).toBeInTheDocument();
  });

  it('explains how to add a cluster when none is configured', async () => {
    await renderWith({ listClusters: async () => [] });
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderWith({
      listClusters: async () => {
        throw new Error('You are not allowed to metal3.cluster.read');
      },
    });
    const messages = await screen.findAllByText(
      /not allowed to metal3.cluster.read/,
    );
    expect(messages.length).toBeGreaterThan(0);
    expect(screen.queryByText('Clusters')).not.toBeInTheDocument();
  });
});
