import { KubeObject } from '../../types';
import { DURATIONS, HostEnvironment, nextTransition } from './hostTransitions';

const env = (over: Partial<HostEnvironment> = {}): HostEnvironment => ({
  now: new Date('2026-11-25T10:00:00Z'),
  checkCredentials: () => ({ ok: true }),
  inspect: () => ({ hardware: { cpu: { count: 8 } } }),
  busyHosts: 0,
  provisioningLimit: 20,
  ...over,
});

function host(
  state: string,
  over: {
    spec?: any;
    status?: any;
    annotations?: Record<string, string>;
    deleting?: boolean;
  } = {},
): KubeObject {
  return {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: {
      name: 'h',
      namespace: 'metal3',
      uid: 'u-1',
      annotations: over.annotations ?? {},
      finalizers: ['baremetalhost.metal3.io'],
      ...(over.deleting && { deletionTimestamp: '2026-11-25T09:59:00Z' }),
    },
    spec: {
      online: true,
      bmc: {
        address: 'redfish://10.0.0.1/redfish/v1/Systems/1',
        credentialsName: 'h-bmc',
      },
      ...over.spec,
    },
    status: {
      provisioning: { state, ID: 'ironic-1' },
      operationalStatus: 'OK',
      errorMessage: '',
      errorCount: 0,
      poweredOn: true,
      ...over.status,
    },
  };
}

describe('nextTransition: credentials that change after registration', () => {
  const registered = (version: string) =>
    host('provisioned', {
      spec: { image: { url: 'http://i/x.qcow2' } },
      status: {
        goodCredentials: {
          credentials: { name: 'h-bmc', namespace: 'metal3' },
          credentialsVersion: version,
        },
      },
    });

  it('a provisioned host stays put while its Secret is the one it registered with', () => {
    const t = nextTransition(
      registered('7'),
      env({ credentialsVersion: () => '7' }),
    );
    expect(t?.reason).not.toBe('Registered');
    expect(t?.reason).not.toBe('RegistrationError');
  });

  it('registers again when the Secret moved on: recorded, or a registration error, the state kept', () => {
    const ok = nextTransition(
      registered('7'),
      env({ credentialsVersion: () => '9' }),
    )!;
    expect(ok.reason).toBe('Registered');
    expect(ok.status).toMatchObject({
      provisioning: { state: 'provisioned' },
      goodCredentials: { credentialsVersion: '9' },
    });
    const failed = nextTransition(
      registered('7'),
      env({
        credentialsVersion: () => '9',
        checkCredentials: () => ({ ok: false, message: 'HTTP 401' }),
      }),
    )!;
    expect(failed.status).toMatchObject({
      provisioning: { state: 'provisioned' },
      operationalStatus: 'error',
      errorType: 'registration error',
      errorMessage: 'HTTP 401',
    });
  });
});

describe('nextTransition: registration and inspection', () => {
  it('a new host with BMC details registers, one without stays unmanaged', () => {
    expect(nextTransition(host(''), env())?.status?.provisioning.state).toBe(
      'registering',
    );
    const bare = host('', { spec: { bmc: undefined } });
    expect(nextTransition(bare, env())?.status).toMatchObject({
      provisioning: { state: 'unmanaged' },
      operationalStatus: 'discovered',
    });
  });

  it('good credentials: registered, then inspecting, with the history and credentials recorded', () => {
    const t = nextTransition(host('registering'), env())!;
    expect(t.reason).toBe('Registered');
    expect(t.afterMs).toBe(DURATIONS.register);
    expect(t.status).toMatchObject({
      provisioning: { state: 'inspecting' },
      operationalStatus: 'OK',
      goodCredentials: { credentials: { name: 'h-bmc', namespace: 'metal3' } },
      operationHistory: {
        register: { end: '2026-11-25T10:00:00.000Z' },
        inspect: { start: '2026-11-25T10:00:00.000Z', end: null },
      },
    });
    expect(t.status).not.toHaveProperty('errorType');
  });

  it('bad credentials: a registration error, then retries backing off', () => {
    const failing = env({
      checkCredentials: () => ({ ok: false, message: 'HTTP 401' }),
    });
    const first = nextTransition(host('registering'), failing)!;
    expect(first.status).toMatchObject({
      operationalStatus: 'error',
      errorType: 'registration error',
      errorMessage: 'HTTP 401',
      errorCount: 1,
    });
    const again = nextTransition(
      host('registering', { status: first.status }),
      failing,
    )!;
    const later = nextTransition(
      host('registering', { status: again.status }),
      failing,
    )!;
    expect(again.status!.errorCount).toBe(2);
    expect(later.afterMs).toBeGreaterThan(again.afterMs);
  });

  it('externally provisioned and inspection-disabled hosts skip inspection', () => {
    expect(
      nextTransition(
        host('registering', { spec: { externallyProvisioned: true } }),
        env(),
      )?.status?.provisioning.state,
    ).toBe('externally provisioned');
    expect(
      nextTransition(
        host('registering', { spec: { inspectionMode: 'disabled' } }),
        env(),
      )?.status?.provisioning.state,
    ).toBe('preparing');
  });

  it('inspection stores the hardware the BMC reports; a failure reports an inspection error once', () => {
    const done = nextTransition(host('inspecting'), env())!;
    expect(done.status).toMatchObject({
      provisioning: { state: 'preparing' },
      hardware: { cpu: { count: 8 } },
    });
    const failing = env({
      inspect: () => ({ error: 'ramdisk never called back' }),
    });
    const failed = nextTransition(host('inspecting'), failing)!;
    expect(failed.status).toMatchObject({
      errorType: 'inspection error',
      operationalStatus: 'error',
    });
    expect(
      nextTransition(host('inspecting', { status: failed.status }), failing),
    ).toBeUndefined();
  });
});

describe('nextTransition: provisioning', () => {
  const image = {
    url: 'http://images/x.qcow2',
    checksum: 'http://images/x.sha256',
    format: 'qcow2',
  };

  it('an available host with an image and online: provisioning, then provisioned with the image recorded', () => {
    const start = nextTransition(
      host('available', { spec: { image } }),
      env(),
    )!;
    expect(start.status?.provisioning.state).toBe('provisioning');
    const done = nextTransition(
      host('provisioning', { spec: { image }, status: start.status }),
      env(),
    )!;
    expect(done.afterMs).toBe(DURATIONS.provision);
    expect(done.status).toMatchObject({
      provisioning: { state: 'provisioned', image },
      poweredOn: true,
    });
  });

  it('waits as delayed when PROVISIONING_LIMIT hosts are busy', () => {
    const t = nextTransition(
      host('available', { spec: { image } }),
      env({ busyHosts: 20 }),
    )!;
    expect(t.status).toMatchObject({
      operationalStatus: 'delayed',
      provisioning: { state: 'available' },
    });
  });

  it('removing the image deprovisions; cleaning decides how long it takes', () => {
    const start = nextTransition(
      host('provisioned', {
        status: { provisioning: { state: 'provisioned', ID: 'x', image } },
      }),
      env(),
    )!;
    expect(start.status?.provisioning.state).toBe('deprovisioning');
    const clean = nextTransition(host('deprovisioning'), env())!;
    const quick = nextTransition(
      host('deprovisioning', { spec: { automatedCleaningMode: 'disabled' } }),
      env(),
    )!;
    expect(clean.status?.provisioning.state).toBe('available');
    expect(clean.afterMs).toBeGreaterThan(quick.afterMs);
  });

  it('an annotation inspect.metal3.io="" re-inspects an available host and is consumed', () => {
    const t = nextTransition(
      host('available', { annotations: { 'inspect.metal3.io': '' } }),
      env(),
    )!;
    expect(t.status?.provisioning.state).toBe('inspecting');
    expect(t.removeAnnotations).toEqual(['inspect.metal3.io']);
  });
});

describe('nextTransition: power, pause, detach, delete', () => {
  // A provisioned host keeps its image: without one BMO would deprovision it.
  const image = { url: 'http://images/x.qcow2', checksum: 'c' };
  it('power follows spec.online on settled hosts', () => {
    expect(
      nextTransition(
        host('provisioned', { spec: { online: false, image } }),
        env(),
      )?.status?.poweredOn,
    ).toBe(false);
    expect(
      nextTransition(host('provisioned', { spec: { image } }), env()),
    ).toBeUndefined();
  });

  it('reboot: power off, then on with the annotation consumed; the keyed form holds power off', () => {
    const off = nextTransition(
      host('provisioned', {
        annotations: { 'reboot.metal3.io': '' },
        spec: { image },
      }),
      env(),
    )!;
    expect(off.status?.poweredOn).toBe(false);
    const on = nextTransition(
      host('provisioned', {
        annotations: { 'reboot.metal3.io': '' },
        spec: { image },
        status: { poweredOn: false },
      }),
      env(),
    )!;
    expect(on).toMatchObject({
      removeAnnotations: ['reboot.metal3.io'],
      status: { poweredOn: true },
    });
    const held = host('provisioned', {
      annotations: { 'reboot.metal3.io/remediation': '' },
      spec: { image },
      status: { poweredOn: false },
    });
    expect(nextTransition(held, env())).toBeUndefined();
  });

  it('paused hosts are left alone; the detached annotation shows as operationalStatus detached', () => {
    expect(
      nextTransition(
        host('registering', {
          annotations: { 'baremetalhost.metal3.io/paused': '' },
        }),
        env(),
      ),
    ).toBeUndefined();
    expect(
      nextTransition(
        host('provisioned', {
          spec: { image },
          annotations: { 'baremetalhost.metal3.io/detached': '' },
        }),
        env(),
      )?.status?.operationalStatus,
    ).toBe('detached');
  });

  it('adds its finalizer before anything else', () => {
    const fresh = host('');
    fresh.metadata.finalizers = [];
    expect(nextTransition(fresh, env())).toMatchObject({ addFinalizer: true });
  });

  it('deletion: a provisioned host deprovisions first, a registering one goes at once', () => {
    expect(
      nextTransition(host('provisioned', { deleting: true }), env())?.status
        ?.provisioning.state,
    ).toBe('deprovisioning');
    expect(
      nextTransition(host('available', { deleting: true }), env())?.status
        ?.provisioning.state,
    ).toBe('powering off before delete');
    expect(
      nextTransition(host('registering', { deleting: true }), env()),
    ).toMatchObject({ removeFinalizer: true });
  });
});
