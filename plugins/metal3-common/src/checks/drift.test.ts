import {
  BmcReport,
  checkDrift,
  HostEntityDriftFacts,
  InventoryFacts,
} from './drift';

const host = { namespace: 'metal3', name: 'worker-1' };

const INVENTORY: InventoryFacts = {
  serialNumber: 'CZ2D1234AB',
  manufacturer: 'HPE',
  model: 'ProLiant DL360 Gen10',
  macs: ['aa:bb:cc:dd:ee:01', 'aa:bb:cc:dd:ee:02'],
  poweredOn: true,
};
const REPORT: BmcReport = {
  serialNumber: 'CZ2D1234AB',
  manufacturer: 'HPE',
  model: 'ProLiant DL360 Gen10',
  macs: ['AA:BB:CC:DD:EE:02', 'aa-bb-cc-dd-ee-01'],
  powerState: 'On',
};

const inventoryDrift = (bmc: any, inventory: any = INVENTORY) =>
  checkDrift({
    cluster: 'c1',
    inventory: [{ host, bmc, inventory }],
  })[0] as any;

describe('drift.bmc-inventory', () => {
  it.each([
    [
      'the same machine (MAC spelling aside)',
      REPORT,
      'ok',
      undefined,
      'BMC agrees with the inventory (serial, manufacturer, model, MACs, power)',
    ],
    [
      'another serial: the BMC address points elsewhere',
      { ...REPORT, serialNumber: 'CZ2D9999ZZ' },
      'problem',
      'error',
      'BMC and inventory of worker-1 differ: serial',
    ],
    [
      'a replaced NIC',
      { ...REPORT, macs: ['aa:bb:cc:dd:ee:01', 'aa:bb:cc:dd:ee:99'] },
      'problem',
      'warning',
      'BMC and inventory of worker-1 differ: MACs',
    ],
    [
      "powered off behind Ironic's back",
      { ...REPORT, powerState: 'Off' },
      'problem',
      'warning',
      'BMC and inventory of worker-1 differ: power',
    ],
    [
      'a power transition is not drift',
      { ...REPORT, powerState: 'PoweringOff' },
      'ok',
      undefined,
      'BMC agrees with the inventory (serial, manufacturer, model, MACs)',
    ],
    [
      'a model with the SKU appended, different case',
      { ...REPORT, model: 'proliant DL360 Gen10 (867959-B21)' },
      'ok',
      undefined,
      'BMC agrees with the inventory (serial, manufacturer, model, MACs, power)',
    ],
    [
      'another model',
      { ...REPORT, model: 'ProLiant DL380 Gen10' },
      'problem',
      'error',
      'BMC and inventory of worker-1 differ: model',
    ],
    [
      'an IPMI BMC without FRU data compares power only',
      { powerState: 'On' },
      'ok',
      undefined,
      'BMC agrees with the inventory (power)',
    ],
  ])('%s → %s', (_case, bmc, outcome, severity, title) => {
    const finding = inventoryDrift(bmc);
    expect(finding).toMatchObject({ outcome, title });
    expect(finding.severity).toBe(severity);
  });

  it('lists both values of every compared field and marks the ones that differ', () => {
    const finding = inventoryDrift({ serialNumber: 'X1', powerState: 'Off' });
    expect(finding.evidence).toEqual([
      { field: 'BMC serial number', observed: 'X1' },
      {
        field: 'BareMetalHost serial number',
        observed: 'CZ2D1234AB',
        expected: 'what the BMC reports',
        violation: true,
      },
      { field: 'BMC power state', observed: 'Off' },
      {
        field: 'BareMetalHost power state',
        observed: 'On',
        expected: 'what the BMC reports',
        violation: true,
      },
    ]);
    expect(finding.fix.text).toContain('spec.bmc.address');
  });

  it.each([
    [
      { unavailable: 'the BMC did not answer within 10 s' },
      INVENTORY,
      'a BMC reading of worker-1: the BMC did not answer within 10 s',
    ],
    [
      REPORT,
      { unavailable: 'not inspected yet' },
      'the inspected inventory of worker-1: not inspected yet',
    ],
    [
      { powerState: 'Unknown' },
      { macs: [] },
      'a serial, model, MAC or power state that both the BMC and the inventory of worker-1 report',
    ],
  ])('is unknown without both sides (%#)', (bmc, inventory, missing) => {
    expect(inventoryDrift(bmc, inventory)).toMatchObject({
      outcome: 'unknown',
      missing,
    });
  });
});

describe('drift.catalog-entity', () => {
  const CLUSTER = {
    pool: 'kube-dc-workers',
    owner: 'group:default/platform',
    bmcProtocol: 'redfish',
    macs: ['aa:bb:cc:dd:ee:01', 'aa:bb:cc:dd:ee:02'],
  };
  const entityDrift = (entity: HostEntityDriftFacts['entity']) =>
    checkDrift({
      cluster: 'c1',
      entities: [{ host, entity, cluster: CLUSTER }],
    })[0] as any;

  it.each([
    [
      'the same facts (list order aside)',
      { ...CLUSTER, macs: [...CLUSTER.macs].reverse() },
      'ok',
      'Catalog entity agrees with the cluster',
    ],
    [
      'another pool and owner',
      { ...CLUSTER, pool: 'old-pool', owner: 'group:default/other' },
      'problem',
      'Catalog entity of worker-1 differs from the cluster: owner, pool',
    ],
    [
      'a fact missing on the entity',
      {
        pool: 'kube-dc-workers',
        owner: 'group:default/platform',
        macs: CLUSTER.macs,
      },
      'problem',
      'Catalog entity of worker-1 differs from the cluster: bmcProtocol',
    ],
  ])('%s → %s', (_case, entity, outcome, title) => {
    expect(entityDrift(entity)).toMatchObject({ outcome, title });
  });

  it('shows entity value against cluster value per field', () => {
    const finding = entityDrift({ ...CLUSTER, pool: 'old-pool' });
    expect(finding.evidence).toContainEqual({
      field: 'entity pool',
      observed: 'old-pool',
      expected: 'kube-dc-workers',
      violation: true,
    });
  });

  it('is unknown when the host has no entity yet', () => {
    expect(
      entityDrift({ unavailable: 'not in the catalog yet' }),
    ).toMatchObject({
      outcome: 'unknown',
      missing: 'the catalog entity of worker-1: not in the catalog yet',
    });
  });
});
