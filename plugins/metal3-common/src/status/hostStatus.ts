import { helpForError, HostErrorHelp } from './hostErrors';

/**
 * The fields of a BareMetalHost (and its Node) that decide its readable
 * status. Callers project the objects into this shape; everything is optional
 * because real objects in every state miss some of it.
 *
 * @public
 */
export interface HostStatusInput {
  provisioningState?: string;
  operationalStatus?: string;
  errorType?: string;
  errorMessage?: string;
  errorCount?: number;
  poweredOn?: boolean;
  /** `spec.online`: the power state the operator enforces. */
  online?: boolean;
  annotations?: Record<string, string>;
  /** `spec.consumerRef` set: the host is claimed by a Metal3Machine. */
  consumer?: { kind?: string; name?: string; namespace?: string };
  /** The host's Node is cordoned by the portal's maintenance operation. */
  maintenance?: boolean;
}

/** @public */
export type HostStatusCode =
  | 'unmanaged'
  | 'registering'
  | 'inspecting'
  | 'preparing'
  | 'available'
  | 'provisioning'
  | 'provisioned'
  | 'externally-provisioned'
  | 'deprovisioning'
  | 'deleting'
  | 'error'
  | 'unknown';

/** `ok` settled and fine; `progressing` moving between states; `attention` settled but needs a look. @public */
export type HostHealth =
  | 'ok'
  | 'progressing'
  | 'attention'
  | 'error'
  | 'unknown';

/** @public */
export type HostPower =
  | 'on'
  | 'off'
  | 'powering-on'
  | 'powering-off'
  | 'unknown';

/** Conditions that modify the main status. @public */
export type HostFlag =
  | 'paused'
  | 'detached'
  | 'delayed'
  | 'servicing'
  | 'maintenance'
  | 'unhealthy'
  | 'reboot-requested'
  | 'held-off'
  | 'inspection-requested';

/** One readable status per host. @public */
export interface HostStatus {
  code: HostStatusCode;
  /** Short label for a table cell, e.g. "Provisioned" or "Registration error". */
  label: string;
  health: HostHealth;
  power: HostPower;
  claimed: boolean;
  flags: HostFlag[];
  /** Present when the host reports an error: the message and the guided fix. */
  error?: HostErrorHelp & { type: string; message: string; count: number };
}

const STATE_CODES: Record<string, HostStatusCode> = {
  '': 'registering',
  unmanaged: 'unmanaged',
  registering: 'registering',
  inspecting: 'inspecting',
  'match profile': 'preparing',
  preparing: 'preparing',
  available: 'available',
  ready: 'available', // legacy name of available
  provisioning: 'provisioning',
  provisioned: 'provisioned',
  'externally provisioned': 'externally-provisioned',
  deprovisioning: 'deprovisioning',
  'powering off before delete': 'deleting',
  deleting: 'deleting',
};

const LABELS: Record<HostStatusCode, string> = {
  unmanaged: 'Unmanaged',
  registering: 'Registering',
  inspecting: 'Inspecting',
  preparing: 'Preparing',
  available: 'Available',
  provisioning: 'Provisioning',
  provisioned: 'Provisioned',
  'externally-provisioned': 'Externally provisioned',
  deprovisioning: 'Deprovisioning',
  deleting: 'Deleting',
  error: 'Error',
  unknown: 'Unknown',
};

const SETTLED: HostStatusCode[] = [
  'available',
  'provisioned',
  'externally-provisioned',
];

/** Flags that make a settled host need a look. */
const ATTENTION_FLAGS: HostFlag[] = ['paused', 'unhealthy', 'held-off'];

/** Reads one host's status. Pure: same input, same output. @public */
export function describeHost(input: HostStatusInput): HostStatus {
  const annotations = input.annotations ?? {};
  const stateCode =
    STATE_CODES[input.provisioningState ?? ''] ??
    (input.provisioningState === undefined ? 'registering' : 'unknown');
  const flags = readFlags(input, annotations);
  const claimed = Boolean(input.consumer?.name);
  const power = readPower(input, stateCode, flags);

  if (input.operationalStatus === 'error' || input.errorType) {
    const help = helpForError(input.errorType);
    return {
      code: 'error',
      label: help.title,
      health: 'error',
      power,
      claimed,
      flags,
      error: {
        ...help,
        type: input.errorType ?? 'unknown',
        message: input.errorMessage ?? '',
        count: input.errorCount ?? 0,
      },
    };
  }

  let health: HostHealth;
  if (stateCode === 'unknown') {
    health = 'unknown';
  } else if (SETTLED.includes(stateCode)) {
    health = flags.some(f => ATTENTION_FLAGS.includes(f)) ? 'attention' : 'ok';
  } else if (stateCode === 'unmanaged') {
    health = 'attention';
  } else {
    health = 'progressing';
  }
  return {
    code: stateCode,
    label: LABELS[stateCode],
    health,
    power,
    claimed,
    flags,
  };
}

function readFlags(
  input: HostStatusInput,
  annotations: Record<string, string>,
): HostFlag[] {
  const flags: HostFlag[] = [];
  const keys = Object.keys(annotations);
  if ('baremetalhost.metal3.io/paused' in annotations) flags.push('paused');
  if (
    input.operationalStatus === 'detached' ||
    'baremetalhost.metal3.io/detached' in annotations
  ) {
    flags.push('detached');
  }
  if (input.operationalStatus === 'delayed') flags.push('delayed');
  if (input.operationalStatus === 'servicing') flags.push('servicing');
  if (input.maintenance) flags.push('maintenance');
  if (
    'capm3.metal3.io/unhealthy' in annotations ||
    'capi.metal3.io/unhealthy' in annotations
  ) {
    flags.push('unhealthy');
  }
  if ('reboot.metal3.io' in annotations) flags.push('reboot-requested');
  // The keyed form holds the host powered off until its owner removes it
  // (remediation uses it): worth showing, the host will not come back alone.
  if (keys.some(k => k.startsWith('reboot.metal3.io/'))) flags.push('held-off');
  if (annotations['inspect.metal3.io'] === '') {
    flags.push('inspection-requested');
  }
  return flags;
}

function readPower(
  input: HostStatusInput,
  code: HostStatusCode,
  flags: HostFlag[],
): HostPower {
  if (input.poweredOn === undefined || code === 'unmanaged') return 'unknown';
  // Power is only enforced from spec.online on managed, settled hosts; while
  // the operator works (inspecting, provisioning) it switches power itself,
  // a detached host is not enforced at all, and a held-off host stays off.
  const enforced =
    SETTLED.includes(code) &&
    !flags.includes('detached') &&
    !flags.includes('held-off');
  if (input.online !== undefined && enforced) {
    if (input.online && !input.poweredOn) return 'powering-on';
    if (!input.online && input.poweredOn) return 'powering-off';
  }
  return input.poweredOn ? 'on' : 'off';
}
