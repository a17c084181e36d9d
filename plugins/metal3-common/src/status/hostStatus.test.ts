import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { HOST_ERROR_HELP, HostErrorType } from './hostErrors';
import { describeHost, HostStatusInput } from './hostStatus';

/** The upstream examples of real BareMetalHosts, with status (vendored from ../shared/upstream: test-fixtures/upstream-examples). */
const EXAMPLES = resolve(
  __dirname,
  '../../../../test-fixtures/upstream-examples',
);

function fromObject(bmh: any): HostStatusInput {
  return {
    provisioningState: bmh.status?.provisioning?.state,
    operationalStatus: bmh.status?.operationalStatus,
    errorType: bmh.status?.errorType || undefined,
    errorMessage: bmh.status?.errorMessage,
    poweredOn: bmh.status?.poweredOn,
    online: bmh.spec?.online,
    annotations: bmh.metadata?.annotations,
    consumer: bmh.spec?.consumerRef,
  };
}

describe('describeHost', () => {
  it.each([
    ['available', 'available', 'Available', 'ok'],
    ['ready', 'available', 'Available', 'ok'],
    ['provisioned', 'provisioned', 'Provisioned', 'ok'],
    [
      'externally provisioned',
      'externally-provisioned',
      'Externally provisioned',
      'ok',
    ],
    ['registering', 'registering', 'Registering', 'progressing'],
    ['inspecting', 'inspecting', 'Inspecting', 'progressing'],
    ['match profile', 'preparing', 'Preparing', 'progressing'],
    ['preparing', 'preparing', 'Preparing', 'progressing'],
    ['provisioning', 'provisioning', 'Provisioning', 'progressing'],
    ['deprovisioning', 'deprovisioning', 'Deprovisioning', 'progressing'],
    ['powering off before delete', 'deleting', 'Deleting', 'progressing'],
    ['deleting', 'deleting', 'Deleting', 'progressing'],
    ['unmanaged', 'unmanaged', 'Unmanaged', 'attention'],
    ['', 'registering', 'Registering', 'progressing'],
    ['something new', 'unknown', 'Unknown', 'unknown'],
  ])('state %j reads as %s', (state, code, label, health) => {
    const status = describeHost({
      provisioningState: state,
      operationalStatus: 'OK',
    });
    expect(status).toMatchObject({ code, label, health });
  });

  it.each(Object.keys(HOST_ERROR_HELP) as HostErrorType[])(
    'explains %s with a fix and keeps the message',
    errorType => {
      const status = describeHost({
        provisioningState: 'registering',
        operationalStatus: 'error',
        errorType,
        errorMessage: 'Failed to get power state for node',
        errorCount: 3,
      });
      expect(status.code).toBe('error');
      expect(status.health).toBe('error');
      expect(status.label).toBe(HOST_ERROR_HELP[errorType].title);
      expect(status.error).toMatchObject({
        type: errorType,
        message: 'Failed to get power state for node',
        count: 3,
      });
      expect(status.error?.fix.length).toBeGreaterThan(20);
    },
  );

  it('falls back to generic help for an error type newer than this code', () => {
    const status = describeHost({
      provisioningState: 'available',
      operationalStatus: 'error',
      errorType: 'quantum error',
    });
    expect(status.label).toBe('Error: quantum error');
    expect(status.error?.fix).toContain('troubleshooting');
  });

  it.each([
    [true, true, 'on'],
    [false, false, 'off'],
    [true, false, 'powering-on'],
    [false, true, 'powering-off'],
    [undefined, true, 'on'],
  ])(
    'online=%s poweredOn=%s on a provisioned host is %s',
    (online, poweredOn, power) => {
      expect(
        describeHost({ provisioningState: 'provisioned', online, poweredOn })
          .power,
      ).toBe(power);
    },
  );

  it('reports actual power while the operator drives it (inspecting)', () => {
    expect(
      describeHost({
        provisioningState: 'inspecting',
        online: false,
        poweredOn: true,
      }).power,
    ).toBe('on');
  });

  it('does not call a held-off or detached host "powering on"', () => {
    const heldOff = describeHost({
      provisioningState: 'provisioned',
      online: true,
      poweredOn: false,
      annotations: { 'reboot.metal3.io/metal3-remediation-uid': '' },
    });
    expect(heldOff.power).toBe('off');
    expect(heldOff.flags).toContain('held-off');
    expect(heldOff.health).toBe('attention');

    const detached = describeHost({
      provisioningState: 'provisioned',
      online: true,
      poweredOn: false,
      annotations: { 'baremetalhost.metal3.io/detached': '' },
    });
    expect(detached.power).toBe('off');
    expect(detached.flags).toEqual(['detached']);
  });

  it('has no power reading for an unmanaged host', () => {
    expect(
      describeHost({ provisioningState: 'unmanaged', poweredOn: false }).power,
    ).toBe('unknown');
  });

  it('collects flags from annotations, operational status and maintenance', () => {
    const status = describeHost({
      provisioningState: 'available',
      operationalStatus: 'delayed',
      maintenance: true,
      annotations: {
        'baremetalhost.metal3.io/paused': 'metal3.io/capm3',
        'capm3.metal3.io/unhealthy': 'capm3/UnhealthyNode',
        'reboot.metal3.io': '{"mode":"hard"}',
        'inspect.metal3.io': '',
      },
    });
    expect(status.flags).toEqual([
      'paused',
      'delayed',
      'maintenance',
      'unhealthy',
      'reboot-requested',
      'inspection-requested',
    ]);
    expect(status.health).toBe('attention');
  });

  it('knows the deprecated unhealthy annotation and servicing', () => {
    expect(
      describeHost({
        provisioningState: 'provisioned',
        operationalStatus: 'servicing',
        annotations: { 'capi.metal3.io/unhealthy': '' },
      }).flags,
    ).toEqual(['servicing', 'unhealthy']);
  });

  it('is claimed only with a named consumer', () => {
    expect(
      describeHost({
        provisioningState: 'provisioned',
        consumer: { kind: 'Metal3Machine', name: 'worker-abc' },
      }).claimed,
    ).toBe(true);
    expect(describeHost({ provisioningState: 'available' }).claimed).toBe(
      false,
    );
  });

  describe('on the upstream example objects', () => {
    const hosts = readdirSync(EXAMPLES)
      .filter(f => f.endsWith('.yaml'))
      .flatMap(f =>
        parseAllDocuments(readFileSync(join(EXAMPLES, f), 'utf8')).map(d => ({
          file: f,
          object: d.toJS(),
        })),
      )
      .filter(
        ({ object }) =>
          object?.kind === 'BareMetalHost' &&
          object.status?.provisioning?.state,
      );

    it('finds real hosts with a provisioning state to read', () => {
      expect(hosts.length).toBeGreaterThanOrEqual(4);
    });

    it('reads every one as a settled, healthy host', () => {
      for (const { file, object } of hosts) {
        const status = describeHost(fromObject(object));
        expect({ file, health: status.health }).toEqual({ file, health: 'ok' });
        expect([
          'available',
          'provisioned',
          'externally-provisioned',
        ]).toContain(status.code);
      }
    });
  });
});
