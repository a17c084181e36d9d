import { collectImages } from './imageUse';
import type { ImageSpec } from './imageRules';

const GOOD: ImageSpec = {
  url: 'http://192.168.0.1:8080/images/ubuntu-24.04-rke2-v1.35.0.qcow2',
  checksum:
    'http://192.168.0.1:8080/images/ubuntu-24.04-rke2-v1.35.0.qcow2.sha256sum',
  checksumType: 'sha256',
  format: 'qcow2',
};

const pool = { namespace: 'metal3', name: 'kube-dc-workers' };

describe('collectImages', () => {
  it('lists each URL once with its variants, users and probe answers', () => {
    const worker1 = { namespace: 'metal3', name: 'worker-1' };
    const rows = collectImages({
      cluster: 'c1',
      pools: [{ pool, image: GOOD }],
      hosts: [
        { host: worker1, pool, image: GOOD },
        {
          host: { namespace: 'metal3', name: 'old' },
          image: { url: 'http://h/ubuntu.qcow2', format: 'qcow2' },
        },
      ],
      probes: {
        [GOOD.url]: { status: 200 },
        [GOOD.checksum!]: { status: 404 },
      },
    });
    expect(rows).toEqual([
      {
        cluster: 'c1',
        url: GOOD.url,
        versioned: true,
        urlProbe: { status: 200 },
        variants: [
          {
            checksum: GOOD.checksum,
            checksumType: 'sha256',
            format: 'qcow2',
            checksumProbe: { status: 404 },
            pools: [pool],
            hosts: [worker1],
          },
        ],
        pools: [pool],
        hosts: [worker1],
      },
      {
        cluster: 'c1',
        url: 'http://h/ubuntu.qcow2',
        versioned: false,
        urlProbe: undefined,
        variants: [
          {
            format: 'qcow2',
            pools: [],
            hosts: [{ namespace: 'metal3', name: 'old' }],
          },
        ],
        pools: [],
        hosts: [{ namespace: 'metal3', name: 'old' }],
      },
    ]);
  });

  it('shows a pool whose template could not be read nowhere, and no credentials', () => {
    const rows = collectImages({
      cluster: 'c1',
      pools: [{ pool, image: { unavailable: 'template not found' } }],
      hosts: [
        {
          host: { namespace: 'metal3', name: 'w' },
          image: {
            url: 'http://robot:s3cret@h/u-1.2.3.qcow2',
            checksum: 'http://robot:s3cret@h/u-1.2.3.qcow2.sha256sum',
          },
        },
      ],
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].url).toBe('http://***@h/u-1.2.3.qcow2');
    expect(JSON.stringify(rows)).not.toContain('s3cret');
  });
});
