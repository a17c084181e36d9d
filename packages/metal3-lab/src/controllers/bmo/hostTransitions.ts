import { KubeObject } from '../../types';

/**
 * The next step of one BareMetalHost in baremetal-operator's state machine
 * (host_state_machine.go; ../shared/notes/metal3.md §1), as a pure function
 * of the host and its environment: which state follows, after how long (real
 * time; the controller divides by the lab's speed) and what the status says
 * then. Ironic's part (power, deploy, clean) is folded into the durations.
 */

/** Real-world durations, ms: registration seconds, inspection minutes, deploy 10–20 minutes. */
export const DURATIONS = {
  register: 10_000,
  inspect: 8 * 60_000,
  prepare: 30_000,
  provision: 12 * 60_000,
  cleanMetadata: 5 * 60_000,
  deprovisionNoClean: 60_000,
  power: 8_000,
  powerOffBeforeDelete: 10_000,
  delete: 2_000,
  rebootOff: 5_000,
  boot: 60_000,
  /** Back-off before a failed registration is retried (BMO backs off exponentially). */
  retry: 60_000,
} as const;

export type CredentialCheck = { ok: true } | { ok: false; message: string };

export interface HostEnvironment {
  now: Date;
  /** Reads the host's BMC Secret and tries the BMC, as Ironic's validation does. */
  checkCredentials(host: KubeObject): CredentialCheck;
  /**
   * The resourceVersion of the host's BMC Secret (undefined without one):
   * BMO records it in goodCredentials and registers again when it moves.
   */
  credentialsVersion?(host: KubeObject): string | undefined;
  /** The hardware inventory an inspection finds (the emulated BMC's, or the seed's). */
  inspect(host: KubeObject): {
    hardware?: Record<string, unknown>;
    error?: string;
  };
  /** Hosts of the cluster in inspecting/provisioning/deprovisioning, this one excluded. */
  busyHosts: number;
  /** baremetal-operator's PROVISIONING_LIMIT (default 20). */
  provisioningLimit: number;
}

export interface Transition {
  /** Short name of the step, also the reason of the Event written for it. */
  reason: string;
  message: string;
  afterMs: number;
  /** The status after the step (complete, not a patch). */
  status?: Record<string, any>;
  /** Request annotations the step consumes (reboot, inspect). */
  removeAnnotations?: string[];
  removeFinalizer?: boolean;
  addFinalizer?: boolean;
}

const SETTLED = ['available', 'ready', 'provisioned', 'externally provisioned'];
const FINALIZER = 'baremetalhost.metal3.io';

/** errorType is omitted when there is no error (omitempty; "" is not in its enum). */
const healthy = {
  operationalStatus: 'OK',
  errorType: undefined,
  errorMessage: '',
  errorCount: 0,
};

export function nextTransition(
  host: KubeObject,
  env: HostEnvironment,
): Transition | undefined {
  const annotations = host.metadata.annotations ?? {};
  if ('baremetalhost.metal3.io/paused' in annotations) return undefined;
  const status = host.status ?? {};
  const state: string = status.provisioning?.state ?? '';
  const spec = host.spec ?? {};
  const now = env.now.toISOString();
  const at = (patch: Record<string, any>) => merge(status, patch, now);
  const detachedAnnotation = 'baremetalhost.metal3.io/detached' in annotations;

  if (host.metadata.deletionTimestamp) return deletion(host, state, at);
  // BMO's first act on any host: its finalizer, so deletion waits for Ironic.
  if (!(host.metadata.finalizers ?? []).includes(FINALIZER)) {
    return {
      reason: 'FinalizerAdded',
      message: 'finalizer added',
      afterMs: 0,
      addFinalizer: true,
    };
  }
  if (detachedAnnotation !== (status.operationalStatus === 'detached')) {
    return {
      reason: detachedAnnotation ? 'Detached' : 'Attached',
      message: detachedAnnotation
        ? 'host detached: Ironic no longer manages it'
        : 'host re-attached',
      afterMs: 2_000,
      status: at({ operationalStatus: detachedAnnotation ? 'detached' : 'OK' }),
    };
  }
  if (detachedAnnotation) return undefined;

  const hasBmc = Boolean(spec.bmc?.address && spec.bmc?.credentialsName);
  if (state === '' || state === 'unmanaged') {
    if (!hasBmc) {
      return state === ''
        ? step(
            'Unmanaged',
            'no BMC details: host is unmanaged',
            0,
            at({
              provisioning: { ...status.provisioning, state: 'unmanaged' },
              operationalStatus: 'discovered',
            }),
          )
        : undefined;
    }
    return step(
      'Registering',
      'BMC details found, registering',
      0,
      at({
        provisioning: { ...status.provisioning, state: 'registering' },
        operationalStatus: 'OK',
        operationHistory: history(status, 'register', {
          start: now,
          end: null,
        }),
      }),
    );
  }

  const goodCredentials = () => ({
    credentials: {
      name: spec.bmc.credentialsName,
      namespace: host.metadata.namespace,
    },
    credentialsVersion: env.credentialsVersion?.(host) ?? '1',
  });

  // host_state_machine.go ensureRegistered: in every state past registration
  // (deletion is handled above) BMO registers the host again when its
  // credentials changed (another Secret, or the Secret's resourceVersion
  // moved on: GoodCredentials.Match) or the last registration failed. The
  // state stays; a failure shows as a registration error. A Secret shared by
  // several hosts re-registers all of them.
  if (state !== 'registering' && hasBmc && env.credentialsVersion) {
    const good = status.goodCredentials ?? {};
    const changed =
      good.credentials?.name !== spec.bmc.credentialsName ||
      good.credentialsVersion !== env.credentialsVersion(host);
    if (changed || status.errorType === 'registration error') {
      const check = env.checkCredentials(host);
      if (!check.ok) return registrationFailure(status, check.message, at);
      return step(
        'Registered',
        'BMC credentials changed: host registered again',
        DURATIONS.register,
        at({
          ...(status.errorType === 'registration error' && healthy),
          goodCredentials: goodCredentials(),
        }),
      );
    }
  }

  if (state === 'registering') {
    const check = env.checkCredentials(host);
    if (!check.ok) return registrationFailure(status, check.message, at);
    const inspectionDisabled =
      annotations['inspect.metal3.io'] === 'disabled' ||
      spec.inspectionMode === 'disabled';
    let next = 'inspecting';
    if (inspectionDisabled) next = 'preparing';
    if (spec.externallyProvisioned) next = 'externally provisioned';
    const busy =
      next === 'inspecting' && env.busyHosts >= env.provisioningLimit;
    if (busy) return delayed(status, at);
    return step(
      'Registered',
      `registered, moving to ${next}`,
      DURATIONS.register,
      at({
        provisioning: {
          ...status.provisioning,
          state: next,
          ID: status.provisioning?.ID || `ironic-${host.metadata.uid}`,
        },
        ...healthy,
        poweredOn: status.poweredOn ?? false,
        goodCredentials: goodCredentials(),
        operationHistory: history(
          { operationHistory: history(status, 'register', { end: now }) },
          'inspect',
          next === 'inspecting' ? { start: now, end: null } : {},
        ),
      }),
    );
  }

  if (state === 'inspecting') {
    const found = env.inspect(host);
    if (found.error) {
      if (status.errorType === 'inspection error') return undefined;
      return step(
        'InspectionError',
        found.error,
        DURATIONS.inspect / 4,
        at({
          operationalStatus: 'error',
          errorType: 'inspection error',
          errorMessage: found.error,
          errorCount: (status.errorCount ?? 0) + 1,
        }),
      );
    }
    return step(
      'InspectionComplete',
      'hardware inspection completed',
      DURATIONS.inspect,
      at({
        provisioning: { ...status.provisioning, state: 'preparing' },
        ...healthy,
        hardware: found.hardware ?? status.hardware,
        poweredOn: false,
        operationHistory: history(status, 'inspect', { end: now }),
      }),
    );
  }

  if (state === 'preparing') {
    return step(
      'PreparationComplete',
      'host prepared (no RAID or firmware changes)',
      DURATIONS.prepare,
      at({
        provisioning: { ...status.provisioning, state: 'available' },
        ...healthy,
      }),
    );
  }

  if (state === 'available' || state === 'ready') {
    if (spec.externallyProvisioned) {
      return step(
        'ExternallyProvisioned',
        'host marked externally provisioned',
        2_000,
        at({
          provisioning: {
            ...status.provisioning,
            state: 'externally provisioned',
          },
        }),
      );
    }
    if (
      (spec.image?.url || spec.customDeploy?.method) &&
      spec.online !== false
    ) {
      if (env.busyHosts >= env.provisioningLimit) return delayed(status, at);
      return step(
        'ProvisioningStarted',
        `deploying image ${spec.image?.url ?? spec.customDeploy?.method}`,
        2_000,
        at({
          provisioning: { ...status.provisioning, state: 'provisioning' },
          ...healthy,
          operationHistory: history(status, 'provision', {
            start: now,
            end: null,
          }),
        }),
      );
    }
    if (annotations['inspect.metal3.io'] === '') {
      if (env.busyHosts >= env.provisioningLimit) return delayed(status, at);
      return {
        ...step(
          'InspectionStarted',
          're-inspection requested',
          2_000,
          at({
            provisioning: { ...status.provisioning, state: 'inspecting' },
            operationHistory: history(status, 'inspect', {
              start: now,
              end: null,
            }),
          }),
        ),
        removeAnnotations: ['inspect.metal3.io'],
      };
    }
  }

  if (state === 'provisioning') {
    if (!spec.image?.url && !spec.customDeploy?.method)
      return deprovision(status, spec, at, now);
    return step(
      'ProvisioningComplete',
      'image deployed',
      DURATIONS.provision,
      at({
        provisioning: {
          ...status.provisioning,
          state: 'provisioned',
          image: spec.image,
          ...(spec.customDeploy && { customDeploy: spec.customDeploy }),
        },
        ...healthy,
        poweredOn: spec.online !== false,
        operationHistory: history(status, 'provision', { end: now }),
      }),
    );
  }

  if (state === 'provisioned') {
    const deployed = status.provisioning?.image?.url;
    if (!spec.image?.url && !spec.customDeploy?.method)
      return deprovision(status, spec, at, now);
    if (deployed && spec.image?.url && deployed !== spec.image.url)
      return deprovision(status, spec, at, now);
  }

  if (state === 'deprovisioning') {
    const cleaning = spec.automatedCleaningMode !== 'disabled';
    return step(
      'DeprovisioningComplete',
      cleaning ? 'disks cleaned (metadata)' : 'deprovisioned without cleaning',
      cleaning ? DURATIONS.cleanMetadata : DURATIONS.deprovisionNoClean,
      at({
        provisioning: {
          ...status.provisioning,
          state: 'available',
          image: { url: '' },
        },
        ...healthy,
        poweredOn: false,
        operationHistory: history(status, 'deprovision', { end: now }),
      }),
    );
  }

  if (SETTLED.includes(state)) return power(host, status, at);
  return undefined;
}

function power(
  host: KubeObject,
  status: any,
  at: (patch: Record<string, any>) => Record<string, any>,
): Transition | undefined {
  const annotations = host.metadata.annotations ?? {};
  const heldOff = Object.keys(annotations).some(k =>
    k.startsWith('reboot.metal3.io/'),
  );
  if ('reboot.metal3.io' in annotations && !heldOff) {
    // Power off (seconds), then the reboot annotation is consumed and the
    // host boots again (a server boot takes a minute or two).
    if (status.poweredOn) {
      return step(
        'PowerOff',
        'rebooting: powering off',
        DURATIONS.rebootOff,
        at({ poweredOn: false }),
      );
    }
    return {
      ...step(
        'PowerOn',
        'rebooting: powering on',
        DURATIONS.boot,
        at({ poweredOn: host.spec?.online !== false }),
      ),
      removeAnnotations: ['reboot.metal3.io'],
    };
  }
  const wanted = heldOff ? false : host.spec?.online !== false;
  if (status.poweredOn === wanted) return undefined;
  return step(
    wanted ? 'PowerOn' : 'PowerOff',
    wanted ? 'host powered on' : 'host powered off',
    wanted ? DURATIONS.boot / 4 : DURATIONS.power,
    at({ poweredOn: wanted }),
  );
}

function deprovision(
  status: any,
  spec: any,
  at: (patch: Record<string, any>) => Record<string, any>,
  now: string,
): Transition {
  return step(
    'DeprovisioningStarted',
    spec.automatedCleaningMode === 'disabled'
      ? 'image removed, cleaning disabled'
      : 'image removed, cleaning disks (metadata)',
    2_000,
    at({
      provisioning: { ...status.provisioning, state: 'deprovisioning' },
      operationHistory: history(status, 'deprovision', {
        start: now,
        end: null,
      }),
    }),
  );
}

function deletion(
  host: KubeObject,
  state: string,
  at: (patch: Record<string, any>) => Record<string, any>,
): Transition | undefined {
  if (!(host.metadata.finalizers ?? []).includes(FINALIZER)) return undefined;
  const status = host.status ?? {};
  const detached =
    'baremetalhost.metal3.io/detached' in (host.metadata.annotations ?? {});
  if (
    state === 'deleting' ||
    detached ||
    ['', 'unmanaged', 'registering'].includes(state)
  ) {
    return {
      ...step('Deleted', 'host deleted from Ironic', DURATIONS.delete),
      removeFinalizer: true,
    };
  }
  if (state === 'provisioning' || state === 'provisioned') {
    return step(
      'DeprovisioningStarted',
      'host deleted: deprovisioning first',
      2_000,
      at({
        provisioning: { ...status.provisioning, state: 'deprovisioning' },
      }),
    );
  }
  if (state === 'powering off before delete') {
    return step(
      'Deleting',
      'powered off, deleting',
      DURATIONS.powerOffBeforeDelete,
      at({
        provisioning: { ...status.provisioning, state: 'deleting' },
        poweredOn: false,
      }),
    );
  }
  const cleaningFirst = state === 'deprovisioning';
  return step(
    'PoweringOffBeforeDelete',
    'host deleted: powering off',
    cleaningFirst ? DURATIONS.cleanMetadata : 2_000,
    at({
      provisioning: {
        ...status.provisioning,
        state: 'powering off before delete',
      },
    }),
  );
}

function delayed(
  status: any,
  at: (patch: Record<string, any>) => Record<string, any>,
): Transition | undefined {
  if (status.operationalStatus === 'delayed') return undefined;
  return step(
    'Delayed',
    'waiting for a PROVISIONING_LIMIT slot',
    0,
    at({ operationalStatus: 'delayed' }),
  );
}

function step(
  reason: string,
  message: string,
  afterMs: number,
  status?: Record<string, any>,
): Transition {
  return { reason, message, afterMs, ...(status && { status }) };
}

function history(
  status: any,
  operation: 'register' | 'inspect' | 'provision' | 'deprovision',
  times: { start?: string | null; end?: string | null },
): Record<string, any> {
  const all = status.operationHistory ?? {};
  return {
    ...all,
    [operation]: {
      ...(all[operation] ?? { start: null, end: null }),
      ...times,
    },
  };
}

function merge(status: any, patch: Record<string, any>, now: string) {
  // The fields the CRD requires in every status BMO writes.
  const merged: Record<string, any> = {
    errorCount: 0,
    errorMessage: '',
    operationalStatus: 'OK',
    poweredOn: false,
    provisioningFailCount: 0,
    ...status,
    ...patch,
    lastUpdated: now,
  };
  merged.provisioning = { ID: '', state: '', ...merged.provisioning };
  for (const key of Object.keys(merged))
    if (merged[key] === undefined) delete merged[key];
  return merged;
}

/** A failed registration: reported once, then retried with Ironic's back-off. */
function registrationFailure(
  status: Record<string, any>,
  message: string,
  at: (patch: Record<string, any>) => Record<string, any>,
): Transition {
  if (status.errorMessage === message) {
    // Already reported: retry after the back-off, counting the failure.
    // Ironic backs off exponentially between attempts.
    return step(
      'RegistrationError',
      message,
      DURATIONS.retry * 2 ** Math.min(status.errorCount ?? 0, 4),
      at({
        errorCount: (status.errorCount ?? 0) + 1,
      }),
    );
  }
  return step(
    'RegistrationError',
    message,
    DURATIONS.register,
    at({
      operationalStatus: 'error',
      errorType: 'registration error',
      errorMessage: message,
      errorCount: (status.errorCount ?? 0) + 1,
    }),
  );
}
