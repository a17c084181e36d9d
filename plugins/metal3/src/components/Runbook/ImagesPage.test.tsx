import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type {
  ClusterListResponse,
  ImageListResponse,
} from '@metal3-fleet/plugin-metal3-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MSW_BASE, renderWithMsw } from './__testUtils__/renderWithMsw';
import { ImagesPage } from './ImagesPage';

const server = setupServer();
const cluster = (name: string) => ({
  name,
  title: name,
  authProvider: 'kubeconfig',
  connected: true,
  synced: true,
  unavailable: [],
  hosts: 1,
  pools: 1,
});

const images: ImageListResponse = {
  cluster: 'kube-dc-mgmt',
  evaluatedAt: '2026-12-07T17:00:00Z',
  items: [
    {
      cluster: 'kube-dc-mgmt',
      url: 'http://127.0.0.1:8080/ubuntu-24.04-rke2-v1.33.qcow2',
      versioned: true,
      urlProbe: { status: 200, checkedAt: '2026-12-07T16:59:00Z' },
      variants: [
        {
          checksum:
            'http://127.0.0.1:8080/ubuntu-24.04-rke2-v1.33.qcow2.sha256sum',
          checksumType: 'sha256',
          format: 'qcow2',
          checksumProbe: { status: 404, checkedAt: '2026-12-07T16:59:00Z' },
          pools: [{ namespace: 'metal3', name: 'kube-dc-workers' }],
          hosts: [{ namespace: 'metal3', name: 'worker-0' }],
        },
      ],
      pools: [{ namespace: 'metal3', name: 'kube-dc-workers' }],
      hosts: [{ namespace: 'metal3', name: 'worker-0' }],
      findings: [
        {
          check: 'image.checksum-reachable',
          subject: {
            kind: 'image',
            cluster: 'kube-dc-mgmt',
            name: 'http://127.0.0.1:8080/ubuntu-24.04-rke2-v1.33.qcow2',
          },
          outcome: 'problem',
          severity: 'error',
          title: 'Checksum URL of ubuntu-24.04-rke2-v1.33.qcow2 answers 404',
          evidence: [],
          fix: {
            text: 'Publish the sha256sum file beside the image.',
            guide: 'Phase 2.2 — Host the Image',
          },
        },
      ],
      summary: { ok: 0, problem: 1, unknown: 0, worst: 'error' },
    },
  ],
};

describe('ImagesPage', () => {
  registerMswTestHooks(server);

  it("lists an image's URL, checksum, format, users, versioned flag and probes, with its problems and fixes", async () => {
    server.use(
      http.get(`${MSW_BASE}/clusters`, () =>
        HttpResponse.json<ClusterListResponse>({
          items: [cluster('kube-dc-mgmt'), cluster('edge-lab')],
        }),
      ),
      http.get(`${MSW_BASE}/clusters/kube-dc-mgmt/images`, () =>
        HttpResponse.json(images),
      ),
    );
    await renderWithMsw(<ImagesPage />, {
      path: '/metal3/images',
      location: '/metal3/images?cluster=kube-dc-mgmt',
    });
    const row = (await screen.findByText(images.items[0].url)).closest('tr')!;
    const cells = within(row)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells).toEqual([
      images.items[0].url,
      'yes',
      'http://127.0.0.1:8080/ubuntu-24.04-rke2-v1.33.qcow2.sha256sum (sha256)',
      'qcow2',
      'pool kube-dc-workershost worker-0',
      'reachable (HTTP 200), checked 2026-12-07T16:59:00Z',
      'unreachable (HTTP 404), checked 2026-12-07T16:59:00Z',
    ]);
    expect(
      within(row).getByRole('link', { name: 'kube-dc-workers' }),
    ).toHaveAttribute(
      'href',
      '/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers',
    );
    expect(
      screen.getByText(
        'Checksum URL of ubuntu-24.04-rke2-v1.33.qcow2 answers 404',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Publish the sha256sum file beside the image.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', {
        name: 'OS images in use in cluster kube-dc-mgmt',
      }),
    ).toBeInTheDocument();
    // Only the cluster asked for.
    expect(screen.queryByText(/edge-lab/)).not.toBeInTheDocument();
  });

  it('shows the error of a cluster whose images cannot be read and the empty state of another', async () => {
    server.use(
      http.get(`${MSW_BASE}/clusters`, () =>
        HttpResponse.json<ClusterListResponse>({
          items: [cluster('kube-dc-mgmt'), cluster('edge-lab')],
        }),
      ),
      http.get(`${MSW_BASE}/clusters/kube-dc-mgmt/images`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'metal3.cluster.read denied',
            },
          },
          { status: 403 },
        ),
      ),
      http.get(`${MSW_BASE}/clusters/edge-lab/images`, () =>
        HttpResponse.json({
          cluster: 'edge-lab',
          evaluatedAt: '2026-12-07T17:00:00Z',
          items: [],
        }),
      ),
    );
    await renderWithMsw(<ImagesPage />, {
      path: '/metal3/images',
      location: '/metal3/images',
    });
    expect(
      await screen.findByText(
        /Images of cluster kube-dc-mgmt could not be read$/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Cluster edge-lab: no pool template or provisioned host names an image/,
      ),
    ).toBeInTheDocument();
  });
});
