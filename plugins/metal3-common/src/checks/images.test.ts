import { checkImages } from './images';
import type { ImagesInput } from './imageUse';
import type { ImageSpec } from './imageRules';
import type { CheckFinding } from './types';

const GOOD: ImageSpec = {
  url: 'http://192.168.0.1:8080/images/ubuntu-24.04-rke2-v1.35.0.qcow2',
  checksum:
    'http://192.168.0.1:8080/images/ubuntu-24.04-rke2-v1.35.0.qcow2.sha256sum',
  checksumType: 'sha256',
  format: 'qcow2',
};

const pool = { namespace: 'metal3', name: 'kube-dc-workers' };

/** One pool using an image, both URLs answering 200, unless told otherwise. */
function input(
  spec: Partial<ImageSpec>,
  extra: Partial<ImagesInput> = {},
): ImagesInput {
  const image = { ...GOOD, ...spec };
  return {
    cluster: 'c1',
    pools: [{ pool, image, kubernetesVersion: 'v1.35.0+rke2r1' }],
    hosts: [],
    probes: {
      [image.url]: { status: 200 },
      ...(image.checksum && { [image.checksum]: { status: 200 } }),
    },
    ...extra,
  };
}

const find = (findings: CheckFinding[], check: string) =>
  findings.filter(f => f.check === check);

const one = (findings: CheckFinding[], check: string) => {
  const found = find(findings, check);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('checkImages', () => {
  it('passes the guide-conforming image on every check, on the image and its pool', () => {
    const findings = checkImages(input({}));
    expect(findings.map(f => [f.check, f.outcome])).toEqual([
      ['image.versioned-name', 'ok'],
      ['image.checksum', 'ok'],
      ['image.format', 'ok'],
      ['image.url-reachable', 'ok'],
      ['image.checksum-reachable', 'ok'],
    ]);
    expect(findings[0].subject).toEqual({
      kind: 'image',
      cluster: 'c1',
      name: GOOD.url,
    });
    expect(findings[0].also).toEqual([
      {
        kind: 'pool',
        cluster: 'c1',
        namespace: 'metal3',
        name: 'kube-dc-workers',
      },
    ]);
  });

  describe('image.versioned-name', () => {
    it.each([
      [{ url: 'http://h/ubuntu-22.04-20240115.qcow2' }, 'ok', undefined],
      [{ url: 'http://h/ubuntu.qcow2' }, 'problem', 'warning'],
      [{ url: 'http://h/latest/ubuntu.qcow2' }, 'problem', 'warning'],
      [{ url: 'http://h/images/' }, 'unknown', undefined],
    ])('%j → %s', (spec, outcome, severity) => {
      const finding = one(
        checkImages(input(spec)),
        'image.versioned-name',
      ) as any;
      expect(finding.outcome).toBe(outcome);
      expect(finding.severity).toBe(severity);
    });

    it('fixes through the upgrade template, prefilled with the pool and its current image', () => {
      const finding = one(
        checkImages(input({ url: 'http://h/ubuntu.qcow2' })),
        'image.versioned-name',
      );
      expect(finding).toMatchObject({
        outcome: 'problem',
        fix: {
          guide: 'Best Practices — Image Management',
          template: {
            name: 'metal3-upgrade-pool',
            action: 'metal3:pool:upgrade',
            values: {
              cluster: 'c1',
              namespace: 'metal3',
              pool: 'kube-dc-workers',
              imageUrl: 'http://h/ubuntu.qcow2',
              imageChecksum: GOOD.checksum,
              imageFormat: 'qcow2',
              kubernetesVersion: 'v1.35.0+rke2r1',
            },
          },
        },
      });
    });
  });

  describe('image.checksum', () => {
    it.each([
      ['the guide: a sha256sum URL, type sha256', {}, 'ok', undefined],
      [
        'an inline sha256 digest without type',
        { checksum: 'e'.repeat(64), checksumType: undefined },
        'ok',
        undefined,
      ],
      [
        'a checksum file whose name does not tell, type auto',
        { checksum: 'http://h/checksums.txt', checksumType: 'auto' },
        'ok',
        undefined,
      ],
      [
        'no checksum on a qcow2',
        { checksum: undefined, checksumType: undefined },
        'problem',
        'error',
      ],
      [
        'no checksum on a live ISO',
        {
          url: 'http://h/rescue-20240115.iso',
          format: 'live-iso',
          checksum: undefined,
        },
        'ok',
        undefined,
      ],
      [
        'type sha512 on a sha256sum file',
        { checksumType: 'sha512' },
        'problem',
        'error',
      ],
      [
        'an MD5 file',
        { checksum: 'http://h/u.qcow2.md5sum', checksumType: 'md5' },
        'problem',
        'warning',
      ],
    ])('%s → %s', (_case, spec, outcome, severity) => {
      const finding = one(checkImages(input(spec)), 'image.checksum') as any;
      expect(finding.outcome).toBe(outcome);
      expect(finding.severity).toBe(severity);
    });

    it('names both types when they disagree', () => {
      const finding = one(
        checkImages(input({ checksumType: 'sha512' })),
        'image.checksum',
      );
      expect(finding.title).toBe(
        'checksumType is sha512 but the checksum is sha256',
      );
      expect(finding.evidence[1]).toEqual({
        field: 'image.checksumType',
        observed: 'sha512',
        expected: 'sha256 (what the checksum is)',
        violation: true,
      });
    });

    it('flags pools and hosts that give one URL different checksums', () => {
      const findings = checkImages({
        cluster: 'c1',
        pools: [{ pool, image: GOOD }],
        hosts: [
          {
            host: { namespace: 'metal3', name: 'worker-1' },
            pool,
            image: { ...GOOD, checksum: 'e'.repeat(64) },
          },
        ],
        probes: {},
      });
      const finding = one(findings, 'image.checksum');
      expect(finding).toMatchObject({
        outcome: 'problem',
        severity: 'error',
        title:
          'Pools and hosts give different checksums for the same image URL',
      });
      expect(finding.evidence.map(e => e.field)).toEqual([
        'image.checksum of pool kube-dc-workers',
        'image.checksum of host worker-1',
      ]);
    });
  });

  describe('image.format', () => {
    it.each([
      ['qcow2 on .qcow2', {}, 'ok'],
      [
        "qcow2 on the guide's .img",
        { url: 'http://h/noble-server-cloudimg-amd64.img' },
        'ok',
      ],
      ['raw on .img', { url: 'http://h/u-1.2.3.img', format: 'raw' }, 'ok'],
      ['raw on .qcow2', { format: 'raw' }, 'problem'],
      ['qcow2 on an .iso', { url: 'http://h/rescue-20240115.iso' }, 'problem'],
      ['not set', { format: undefined }, 'problem'],
      [
        'a name without extension',
        { url: 'http://h/images/worker-1.2.3' },
        'unknown',
      ],
      [
        'an OCI image',
        { url: 'oci://quay.io/org/u:1.2.3', checksum: undefined },
        'ok',
      ],
    ])('%s → %s', (_case, spec, outcome) => {
      expect(one(checkImages(input(spec)), 'image.format').outcome).toBe(
        outcome,
      );
    });

    it('prefills the format the file name says when it is not set', () => {
      const finding = one(
        checkImages(input({ format: undefined })),
        'image.format',
      );
      expect(finding).toMatchObject({
        severity: 'warning',
        fix: { template: { values: { imageFormat: 'qcow2' } } },
      });
    });
  });

  describe('reachability', () => {
    it.each([
      ['answers 200', { status: 200 }, 'ok'],
      ['answers 404', { status: 404 }, 'problem'],
      ['connection refused', { error: 'connect ECONNREFUSED' }, 'problem'],
      [
        'refused by the guard',
        { skipped: 'outside metal3.images.allowedNetworks' },
        'unknown',
      ],
    ])('the image URL %s → %s', (_case, probe, outcome) => {
      const findings = checkImages(
        input({}, { probes: { [GOOD.url]: probe, [GOOD.checksum!]: probe } }),
      );
      expect(one(findings, 'image.url-reachable').outcome).toBe(outcome);
      expect(one(findings, 'image.checksum-reachable').outcome).toBe(outcome);
    });

    it('is unknown while not probed, saying so', () => {
      const findings = checkImages(input({}, { probes: {} }));
      expect(one(findings, 'image.url-reachable')).toMatchObject({
        outcome: 'unknown',
        missing: `a HEAD answer from ${GOOD.url}: not probed yet`,
      });
    });

    it('tells a missing checksum file apart from a reachable image', () => {
      const findings = checkImages(
        input(
          {},
          {
            probes: {
              [GOOD.url]: { status: 200 },
              [GOOD.checksum!]: { status: 404 },
            },
          },
        ),
      );
      expect(one(findings, 'image.url-reachable').outcome).toBe('ok');
      expect(one(findings, 'image.checksum-reachable')).toMatchObject({
        outcome: 'problem',
        severity: 'error',
        item: GOOD.checksum,
        title: `The checksum URL answers 404: ${GOOD.checksum}`,
        evidence: [
          {
            field: `HEAD ${GOOD.checksum}`,
            observed: 404,
            expected: '2xx',
            violation: true,
          },
        ],
        fix: {
          guide: 'Phase 2.2 — Host the Image',
          commands: [`curl -I ${GOOD.checksum}`],
        },
      });
    });

    it('has nothing to fetch for an inline digest', () => {
      const findings = checkImages(input({ checksum: 'e'.repeat(64) }));
      expect(find(findings, 'image.checksum-reachable')).toEqual([]);
    });
  });

  it('is unknown on the pool page when the pool template could not be read', () => {
    const findings = checkImages({
      cluster: 'c1',
      pools: [
        {
          pool,
          image: {
            unavailable:
              'Metal3MachineTemplate metal3/worker-template not found',
          },
        },
      ],
      hosts: [],
    });
    expect(findings).toHaveLength(5);
    for (const finding of findings) {
      expect(finding).toMatchObject({
        outcome: 'unknown',
        subject: { kind: 'pool', name: 'kube-dc-workers' },
        missing:
          "the pool's image: Metal3MachineTemplate metal3/worker-template not found",
      });
    }
  });

  it('never shows URL credentials, and does not prefill a redacted URL', () => {
    const url = 'http://robot:s3cret@images.lab/ubuntu.qcow2';
    const findings = checkImages(
      input({ url, checksum: 'e'.repeat(64) }, { probes: {} }),
    );
    expect(JSON.stringify(findings)).not.toContain('s3cret');
    const finding = one(findings, 'image.versioned-name') as any;
    expect(finding.subject.name).toBe('http://***@images.lab/ubuntu.qcow2');
    expect(finding.fix.template.values.imageUrl).toBeUndefined();
  });

  it('prefills no template when several pools share the image', () => {
    const spec = { ...GOOD, url: 'http://h/ubuntu.qcow2' };
    const findings = checkImages({
      cluster: 'c1',
      pools: [
        { pool, image: spec },
        { pool: { namespace: 'metal3', name: 'gpu' }, image: spec },
      ],
      hosts: [],
    });
    const finding = one(findings, 'image.versioned-name') as any;
    expect(finding.fix.template).toBeUndefined();
    expect(finding.also.map((s: any) => s.name)).toEqual([
      'kube-dc-workers',
      'gpu',
    ]);
  });
});

describe('probe errors', () => {
  it('redact URL credentials quoted in an error', () => {
    const url = 'http://images.lab/ubuntu-1.2.3.qcow2';
    const findings = checkImages({
      cluster: 'c1',
      pools: [
        { pool, image: { url, checksum: 'e'.repeat(64), format: 'qcow2' } },
      ],
      hosts: [],
      probes: {
        [url]: {
          error: 'redirected to http://robot:s3cret@mirror.lab/x: refused',
        },
      },
    });
    expect(JSON.stringify(findings)).not.toContain('s3cret');
  });
});
