import {
  checkHostPractices,
  HostPracticeFacts,
  HostSpecFacts,
} from './hostPractices';
import type { CheckFinding } from './types';

const NOW = '2026-11-25T12:00:00Z';
const host = { namespace: 'metal3', name: 'worker-1' };

/** A host as the guide enrolls it, with a safe BMC, unless patched. */
function facts(
  spec: Partial<HostSpecFacts> = {},
  patch: Partial<HostPracticeFacts> = {},
): HostPracticeFacts {
  return {
    host,
    spec: {
      diskCount: 2,
      rootDeviceHints: { minSizeGigabytes: 100 },
      automatedCleaningMode: 'metadata',
      bmcScheme: 'redfish-virtualmedia',
      bmcHost: '192.168.1.101',
      disableCertificateVerification: false,
      ...spec,
    },
    credentials: { name: 'worker-1-bmc', createdAt: '2026-11-01T00:00:00Z' },
    ...patch,
  };
}

const run = (f: HostPracticeFacts, maxDays?: number) =>
  checkHostPractices({
    cluster: 'c1',
    hosts: [f],
    now: NOW,
    credentialsMaxAgeDays: maxDays,
  });

const one = (findings: CheckFinding[], check: string) => {
  const found = findings.filter(f => f.check === check);
  expect(found).toHaveLength(1);
  return found[0] as any;
};

describe('checkHostPractices', () => {
  it('passes a host enrolled the safe way on every practice', () => {
    expect(run(facts()).map(f => [f.check, f.outcome])).toEqual([
      ['practice.root-device-hints', 'ok'],
      ['practice.automated-cleaning', 'ok'],
      ['practice.certificate-verification', 'ok'],
      ['practice.redfish-over-ipmi', 'ok'],
      ['practice.bmc-credentials-age', 'ok'],
    ]);
  });

  it("flags the guide's own disableCertificateVerification: true", () => {
    const finding = one(
      run(facts({ disableCertificateVerification: true })),
      'practice.certificate-verification',
    );
    expect(finding).toMatchObject({
      outcome: 'problem',
      severity: 'warning',
      title: "worker-1's BMC certificate is not verified",
      fix: { guide: 'Best Practices — BMC Security' },
    });
  });

  it('is unknown on every spec practice when the host spec could not be read', () => {
    const findings = run(facts({}, { spec: { unavailable: 'GET timed out' } }));
    expect(findings.map(f => [f.check, f.outcome])).toEqual([
      ['practice.root-device-hints', 'unknown'],
      ['practice.automated-cleaning', 'unknown'],
      ['practice.certificate-verification', 'unknown'],
      ['practice.redfish-over-ipmi', 'unknown'],
      ['practice.bmc-credentials-age', 'ok'],
    ]);
    expect(findings[0]).toMatchObject({
      missing: 'the spec of BareMetalHost worker-1: GET timed out',
    });
  });
});

describe('practice.root-device-hints', () => {
  it.each([
    ['several disks, hints set', { diskCount: 3 }, 'ok'],
    ['one disk, no hints', { diskCount: 1, rootDeviceHints: undefined }, 'ok'],
    [
      'several disks, no hints',
      { diskCount: 2, rootDeviceHints: undefined },
      'problem',
    ],
    [
      'several disks, empty hints',
      { diskCount: 2, rootDeviceHints: {} },
      'problem',
    ],
    ['not inspected', { diskCount: undefined }, 'unknown'],
  ])('%s → %s', (_case, spec, outcome) => {
    expect(one(run(facts(spec)), 'practice.root-device-hints').outcome).toBe(
      outcome,
    );
  });

  it('says how many disks and patches hints in', () => {
    const finding = one(
      run(facts({ diskCount: 4, rootDeviceHints: undefined })),
      'practice.root-device-hints',
    );
    expect(finding.title).toBe('worker-1 has 4 disks and no rootDeviceHints');
    expect(finding.fix.commands).toEqual([
      `kubectl patch bmh worker-1 -n metal3 --type merge -p '{"spec":{"rootDeviceHints":{"minSizeGigabytes":100}}}'`,
    ]);
  });
});

describe('practice.automated-cleaning', () => {
  it.each([
    [
      'metadata',
      { automatedCleaningMode: 'metadata' },
      'ok',
      'Automated cleaning: metadata',
    ],
    [
      'unset (BMO default)',
      { automatedCleaningMode: undefined },
      'ok',
      'Automated cleaning: metadata',
    ],
    [
      'disabled on the host',
      { automatedCleaningMode: 'disabled' },
      'problem',
      'Automated cleaning is disabled on worker-1',
    ],
    [
      'disabled by the pool template',
      {
        automatedCleaningMode: 'metadata',
        templateAutomatedCleaningMode: 'disabled',
      },
      'problem',
      'Automated cleaning is disabled on worker-1 (by its pool template)',
    ],
    [
      'the template re-enables a disabled host',
      {
        automatedCleaningMode: 'disabled',
        templateAutomatedCleaningMode: 'metadata',
      },
      'ok',
      'Automated cleaning: metadata',
    ],
  ])('%s → %s', (_case, spec, outcome, title) => {
    expect(one(run(facts(spec)), 'practice.automated-cleaning')).toMatchObject({
      outcome,
      title,
    });
  });
});

describe('practice.certificate-verification', () => {
  it.each([
    ['verified Redfish', {}, ['ok']],
    ['not verified', { disableCertificateVerification: true }, ['problem']],
    ['plain HTTP Redfish', { bmcScheme: 'redfish+http' }, ['problem']],
    [
      'iDRAC over HTTPS, verified',
      { bmcScheme: 'idrac-virtualmedia+https' },
      ['ok'],
    ],
    [
      'IPMI (no TLS to verify)',
      { bmcScheme: 'ipmi', disableCertificateVerification: true },
      [],
    ],
  ])('%s → %j', (_case, spec, outcomes) => {
    expect(
      run(facts(spec))
        .filter(f => f.check === 'practice.certificate-verification')
        .map(f => f.outcome),
    ).toEqual(outcomes);
  });
});

describe('practice.redfish-over-ipmi', () => {
  it.each([
    ['Redfish', {}, undefined, 'ok'],
    [
      'IPMI, BMC without Redfish',
      { bmcScheme: 'ipmi' },
      { answers: false },
      'ok',
    ],
    [
      'IPMI, BMC answers Redfish',
      { bmcScheme: 'ipmi' },
      { answers: true },
      'problem',
    ],
    ['IPMI, not probed', { bmcScheme: 'ipmi' }, undefined, 'unknown'],
    [
      'IPMI, probe refused',
      { bmcScheme: 'ipmi' },
      { unavailable: 'outside metal3.bmc.allowedNetworks' },
      'unknown',
    ],
  ])('%s → %s', (_case, spec, redfish, outcome) => {
    const finding = one(
      run(facts(spec, { redfish: redfish as any })),
      'practice.redfish-over-ipmi',
    );
    expect(finding.outcome).toBe(outcome);
  });

  it('writes the Redfish address from the probe and the detach procedure', () => {
    const finding = one(
      run(
        facts(
          { bmcScheme: 'ipmi' },
          { redfish: { answers: true, systemPath: '/redfish/v1/Systems/1' } },
        ),
      ),
      'practice.redfish-over-ipmi',
    );
    expect(finding.fix.commands).toEqual([
      "kubectl annotate bmh worker-1 -n metal3 baremetalhost.metal3.io/detached=''",
      `kubectl patch bmh worker-1 -n metal3 --type merge -p '{"spec":{"bmc":{"address":"redfish-virtualmedia://192.168.1.101/redfish/v1/Systems/1"}}}'`,
      'kubectl annotate bmh worker-1 -n metal3 baremetalhost.metal3.io/detached-',
    ]);
  });
});

describe('practice.bmc-credentials-age', () => {
  it.each([
    [
      '24 days old, limit 90',
      '2026-11-01T00:00:00Z',
      undefined,
      'ok',
      'BMC credentials 24 day(s) old',
    ],
    [
      '200 days old, limit 90',
      '2026-05-09T00:00:00Z',
      undefined,
      'problem',
      'BMC credentials of worker-1 are 200 days old (limit 90)',
    ],
    [
      '24 days old, limit 7',
      '2026-11-01T00:00:00Z',
      7,
      'problem',
      'BMC credentials of worker-1 are 24 days old (limit 7)',
    ],
  ])('%s → %s', (_case, createdAt, maxDays, outcome, title) => {
    const finding = one(
      run(
        facts({}, { credentials: { name: 'worker-1-bmc', createdAt } }),
        maxDays,
      ),
      'practice.bmc-credentials-age',
    );
    expect(finding).toMatchObject({ outcome, title });
  });

  it('fixes with the rotation template for the host', () => {
    const finding = one(
      run(
        facts(
          {},
          {
            credentials: {
              name: 'worker-1-bmc',
              createdAt: '2025-01-01T00:00:00Z',
            },
          },
        ),
      ),
      'practice.bmc-credentials-age',
    );
    expect(finding.fix.template).toEqual({
      name: 'metal3-rotate-bmc-credentials',
      action: 'metal3:host:rotate-credentials',
      values: { cluster: 'c1', namespace: 'metal3', host: 'worker-1' },
    });
  });

  it.each([
    [
      { unavailable: 'Secret worker-1-bmc not found' },
      'the BMC credentials Secret of worker-1: Secret worker-1-bmc not found',
    ],
    [
      { name: 'worker-1-bmc' },
      'metadata.creationTimestamp of Secret worker-1-bmc',
    ],
  ])('is unknown without a creation time (%#)', (credentials, missing) => {
    const finding = one(
      run(facts({}, { credentials })),
      'practice.bmc-credentials-age',
    );
    expect(finding).toMatchObject({ outcome: 'unknown', missing });
  });
});
