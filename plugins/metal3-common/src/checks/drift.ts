/**
 * Drift: two sources that should agree and do not. What a host's BMC
 * reports against the inventory Ironic recorded at inspection (the guide's
 * phase 3.3: "Collected hardware inventory (CPUs, RAM, disks, NICs with MAC
 * addresses)"), and the host's catalog entity against its cluster object.
 */
import type { BmcPowerState } from '../api/bmc';
import { okFinding, problemFinding, unknownFinding } from './findings';
import { Available, isUnavailable } from './inputs';
import { NamespacedRef, objectSubject } from './subjects';
import type {
  CheckEvidence,
  CheckFinding,
  CheckSeverity,
  CheckValue,
} from './types';

/** The BareMetalHost's side: `status.hardware.systemVendor`, `status.hardware.nics[].mac`, `status.poweredOn`. @public */
export interface InventoryFacts {
  serialNumber?: string;
  manufacturer?: string;
  model?: string;
  macs?: string[];
  poweredOn?: boolean;
}

/** The BMC's side (Redfish System and EthernetInterfaces, or IPMI FRU and chassis status). @public */
export interface BmcReport {
  serialNumber?: string;
  manufacturer?: string;
  model?: string;
  macs?: string[];
  powerState?: BmcPowerState;
}

/** @public */
export interface HostInventoryDriftFacts {
  host: NamespacedRef;
  pool?: NamespacedRef;
  /** Unavailable until the host has been inspected. */
  inventory: Available<InventoryFacts>;
  /** Unavailable when the BMC was not read (unreachable, wrong credentials, not probed). */
  bmc: Available<BmcReport>;
}

/** @public */
export interface HostEntityDriftFacts {
  host: NamespacedRef;
  pool?: NamespacedRef;
  /** The stable facts as the catalog entity holds them; unavailable when there is no entity. */
  entity: Available<Record<string, CheckValue>>;
  /** The same facts read from the cluster (same keys). */
  cluster: Record<string, CheckValue>;
}

/** @public */
export interface DriftInput {
  cluster: string;
  inventory?: HostInventoryDriftFacts[];
  entities?: HostEntityDriftFacts[];
}

/** Every drift check of every host given. @public */
export function checkDrift(input: DriftInput): CheckFinding[] {
  return [
    ...(input.inventory ?? []).map(h => bmcInventory(input.cluster, h)),
    ...(input.entities ?? []).map(h => catalogEntity(input.cluster, h)),
  ];
}

interface Comparison {
  field: string;
  bmc: CheckValue;
  inventory: CheckValue;
  differs: boolean;
  severity: CheckSeverity;
  label: string;
}

function bmcInventory(
  cluster: string,
  facts: HostInventoryDriftFacts,
): CheckFinding {
  const common = {
    check: 'drift.bmc-inventory' as const,
    subject: objectSubject('host', cluster, facts.host),
  };
  if (isUnavailable(facts.bmc)) {
    return unknownFinding({
      ...common,
      title: `${facts.host.name}: BMC not read`,
      missing: `a BMC reading of ${facts.host.name}: ${facts.bmc.unavailable}`,
    });
  }
  if (isUnavailable(facts.inventory)) {
    return unknownFinding({
      ...common,
      title: `${facts.host.name}: no inventory yet`,
      missing: `the inspected inventory of ${facts.host.name}: ${facts.inventory.unavailable}`,
    });
  }
  const comparisons = compareInventory(facts.bmc, facts.inventory);
  if (comparisons.length === 0) {
    return unknownFinding({
      ...common,
      title: `${facts.host.name}: nothing to compare`,
      missing: `a serial, model, MAC or power state that both the BMC and the inventory of ${facts.host.name} report`,
    });
  }
  const evidence: CheckEvidence[] = comparisons.flatMap(c => [
    { field: `BMC ${c.field}`, observed: c.bmc },
    {
      field: `BareMetalHost ${c.field}`,
      observed: c.inventory,
      expected: 'what the BMC reports',
      violation: c.differs,
    },
  ]);
  const differing = comparisons.filter(c => c.differs);
  if (differing.length === 0) {
    return okFinding({
      ...common,
      title: `BMC agrees with the inventory (${comparisons
        .map(c => c.label)
        .join(', ')})`,
      evidence,
    });
  }
  const severity: CheckSeverity = differing.some(c => c.severity === 'error')
    ? 'error'
    : 'warning';
  const identity = differing.some(c => c.severity === 'error');
  return problemFinding({
    ...common,
    severity,
    title: `BMC and inventory of ${facts.host.name} differ: ${differing
      .map(c => c.label)
      .join(', ')}`,
    evidence,
    fix: {
      text: identity
        ? 'The BMC reports another machine than Ironic inspected: check that spec.bmc.address points at this server. If the board was replaced, re-inspect the host.'
        : 'If hardware was changed (NICs, board), re-inspect the host so the inventory, and the NIC names the network templates use, are current. A power state that stays different means Ironic does not manage the power: check the BMC.',
      guide: 'Phase 3.3 — Wait for Inspection',
      commands: [
        `kubectl get bmh ${facts.host.name} -n ${facts.host.namespace} -o jsonpath='{.status.hardware}'`,
        `kubectl annotate bmh ${facts.host.name} -n ${facts.host.namespace} inspect.metal3.io=  # re-inspect (available hosts)`,
      ],
    },
  });
}

function compareInventory(
  bmc: BmcReport,
  inventory: InventoryFacts,
): Comparison[] {
  const comparisons: Comparison[] = [];
  const text = (
    field: string,
    label: string,
    a: string | undefined,
    b: string | undefined,
  ) => {
    if (!a || !b) return;
    comparisons.push({
      field,
      label,
      bmc: a,
      inventory: b,
      differs: !sameName(a, b),
      severity: 'error',
    });
  };
  text('serial number', 'serial', bmc.serialNumber, inventory.serialNumber);
  text(
    'manufacturer',
    'manufacturer',
    bmc.manufacturer,
    inventory.manufacturer,
  );
  text('model', 'model', bmc.model, inventory.model);
  if (bmc.macs?.length && inventory.macs?.length) {
    const fromBmc = normaliseMacs(bmc.macs);
    const inspected = normaliseMacs(inventory.macs);
    comparisons.push({
      field: 'NIC MACs',
      label: 'MACs',
      bmc: fromBmc,
      inventory: inspected,
      differs: fromBmc.join() !== inspected.join(),
      severity: 'warning',
    });
  }
  // Powering on/off and Unknown are transitions or no answer: not drift.
  if (
    (bmc.powerState === 'On' || bmc.powerState === 'Off') &&
    inventory.poweredOn !== undefined
  ) {
    comparisons.push({
      field: 'power state',
      label: 'power',
      bmc: bmc.powerState,
      inventory: inventory.poweredOn ? 'On' : 'Off',
      differs: (bmc.powerState === 'On') !== inventory.poweredOn,
      severity: 'warning',
    });
  }
  return comparisons;
}

/**
 * Same vendor, model or serial: case, spacing and trailing punctuation
 * aside, and one may carry a suffix the other lacks (Ironic's product name
 * may add the SKU in parentheses: "PowerEdge R640 (SKU=0716)").
 */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[.,]+$/, '');
  const x = norm(a);
  const y = norm(b);
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return long.startsWith(`${short} (`);
}

function normaliseMacs(macs: string[]): string[] {
  return [
    ...new Set(macs.map(m => m.trim().toLowerCase().replace(/-/g, ':'))),
  ].sort();
}

function catalogEntity(
  cluster: string,
  facts: HostEntityDriftFacts,
): CheckFinding {
  const common = {
    check: 'drift.catalog-entity' as const,
    subject: objectSubject('host', cluster, facts.host),
  };
  if (isUnavailable(facts.entity)) {
    return unknownFinding({
      ...common,
      title: `${facts.host.name}: no catalog entity`,
      missing: `the catalog entity of ${facts.host.name}: ${facts.entity.unavailable}`,
    });
  }
  const entity = facts.entity;
  const keys = Object.keys(facts.cluster).sort();
  const evidence: CheckEvidence[] = keys.map(key => ({
    field: `entity ${key}`,
    observed: entity[key] ?? null,
    expected: describeValue(facts.cluster[key]),
    violation: !sameValue(entity[key], facts.cluster[key]),
  }));
  const differing = evidence.filter(e => e.violation);
  if (differing.length === 0) {
    return okFinding({
      ...common,
      title: 'Catalog entity agrees with the cluster',
      evidence,
    });
  }
  return problemFinding({
    ...common,
    severity: 'warning',
    title: `Catalog entity of ${
      facts.host.name
    } differs from the cluster: ${differing
      .map(e => e.field.replace(/^entity /, ''))
      .join(', ')}`,
    evidence,
    fix: {
      text: "The catalog shows facts the cluster no longer has. Refresh the entity; the cluster's entity provider re-emits it at its next full sync. If it stays different, the provider of this cluster is not syncing: look at its health on the cluster page.",
      guide:
        "— (the portal's own: the catalog shows the stable facts of each host)",
    },
  });
}

function sameValue(a: CheckValue | undefined, b: CheckValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return [...a].sort().join('\n') === [...b].sort().join('\n');
  }
  return (a ?? null) === b;
}

function describeValue(value: CheckValue): string {
  if (value === null) return 'absent';
  return Array.isArray(value) ? value.join(', ') : String(value);
}
