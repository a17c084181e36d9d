import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  Metal3SearchDocument,
  Metal3SearchResultListItem,
} from './Metal3SearchResultListItem';
import { isMetal3SearchResult } from './isMetal3SearchResult';

// A host's catalog search document as the catalog collator and the Metal3
// search module build it.
const hostDocument: Metal3SearchDocument & Record<string, unknown> = {
  title: 'worker-3',
  text: 'Bare-metal host in kube-dc-mgmt: Dell Inc. PowerEdge R650, 64 cores',
  location: '/catalog/default/resource/kube-dc-mgmt.metal3.worker-3',
  kind: 'Resource',
  type: 'baremetal-host',
  componentType: 'baremetal-host',
  namespace: 'default',
  lifecycle: '',
  owner: 'group:default/metal3-admins',
  metal3Cluster: 'kube-dc-mgmt',
  metal3Status: 'Registration error',
  metal3StatusTone: 'error',
  metal3StatusAt: '2026-12-07T17:00:00.000Z',
};

describe('Metal3SearchResultListItem', () => {
  it("shows a host's name as a link to its entity, its status chip and its cluster", async () => {
    await renderInTestApp(<Metal3SearchResultListItem result={hostDocument} />);
    expect(screen.getByRole('link', { name: 'worker-3' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/kube-dc-mgmt.metal3.worker-3',
    );
    const chip = screen.getByLabelText('status Registration error');
    expect(chip).toHaveTextContent('Registration error');
    // red, as the fleet page shows an error
    expect(chip).toHaveStyle({ backgroundColor: '#c62828' });
    expect(chip).toHaveAttribute(
      'title',
      'Status when the search index was built (2026-12-07T17:00:00.000Z)',
    );
    expect(screen.getByText('Cluster: kube-dc-mgmt')).toBeInTheDocument();
    expect(screen.getByText('Bare-metal host')).toBeInTheDocument();
    expect(
      screen.getByText(/Dell Inc\. PowerEdge R650, 64 cores/),
    ).toBeInTheDocument();
  });

  it("shows a pool's health and both its clusters", async () => {
    await renderInTestApp(
      <Metal3SearchResultListItem
        result={{
          ...hostDocument,
          title: 'kube-dc-workers',
          type: 'worker-pool',
          location:
            '/catalog/default/resource/kube-dc-mgmt.metal3.kube-dc-workers',
          metal3WorkloadCluster: 'kube-dc',
          metal3Status: 'Healthy',
          metal3StatusTone: 'ok',
        }}
      />,
    );
    expect(screen.getByText('Worker pool')).toBeInTheDocument();
    expect(screen.getByLabelText('status Healthy')).toHaveStyle({
      backgroundColor: '#2e7d32',
    });
    expect(screen.getByText('Workload cluster: kube-dc')).toBeInTheDocument();
  });

  it('says so when the index was built before the status was known', async () => {
    const {
      metal3Status: _status,
      metal3StatusTone: _tone,
      ...withoutStatus
    } = hostDocument;
    await renderInTestApp(
      <Metal3SearchResultListItem result={withoutStatus} />,
    );
    expect(screen.getByText('Status not indexed yet')).toBeInTheDocument();
    expect(screen.queryByText('Registration error')).not.toBeInTheDocument();
  });

  it('highlights the matched words of the title', async () => {
    await renderInTestApp(
      <Metal3SearchResultListItem
        result={hostDocument}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: { title: '<em>worker</em>-3' },
        }}
      />,
    );
    expect(screen.getByText('worker').tagName).toBe('MARK');
  });
});

describe('isMetal3SearchResult', () => {
  const result = (document: object) => ({
    type: 'software-catalog',
    document: { ...hostDocument, ...document },
  });

  it('takes catalog results of hosts and pools and leaves every other result to its own item', () => {
    expect(isMetal3SearchResult(result({}))).toBe(true);
    expect(isMetal3SearchResult(result({ type: 'worker-pool' }))).toBe(true);
    expect(isMetal3SearchResult(result({ type: 'kubernetes-cluster' }))).toBe(
      false,
    );
    expect(
      isMetal3SearchResult(result({ kind: 'Component', type: 'service' })),
    ).toBe(false);
    expect(isMetal3SearchResult({ ...result({}), type: 'techdocs' })).toBe(
      false,
    );
  });
});
