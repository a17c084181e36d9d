import {
  createOwnerResolver,
  EXPECTED_STATE_SECONDS,
} from '@metal3-fleet/plugin-metal3-common';
import { projectBareMetalHost } from '@metal3-fleet/plugin-metal3-node';
import { hostConditions, mayBecomeStuck } from './hostConditions';

const ownerOf = createOwnerResolver({
  ownerKey: 'metal3.backstage.io/owner',
  defaultOwner: 'group:default/metal3-admins',
});
const NOW = new Date('2026-12-10T12:00:00Z');
const minutesAgo = (m: number) =>
  new Date(NOW.getTime() - m * 60_000).toISOString();

function host(status: object, labels: Record<string, string> = {}) {
  return projectBareMetalHost({
    metadata: {
      name: 'worker-3',
      namespace: 'metal3',
      resourceVersion: '7',
      labels,
    },
    spec: { online: true },
    status,
  });
}

const conditionsOf = (status: object, labels?: Record<string, string>) =>
  hostConditions('kube-dc-mgmt', host(status, labels), {
    now: NOW,
    stuckSeconds: EXPECTED_STATE_SECONDS,
    ownerOf,
  });

describe('hostConditions', () => {
  it('reports a host in error with the status model’s title, message and fix', () => {
    const [condition, ...rest] = conditionsOf({
      provisioning: { state: 'inspecting' },
      operationalStatus: 'error',
      errorType: 'inspection error',
      errorMessage: 'timeout reached while inspecting the node',
      errorCount: 1,
    });
    expect(rest).toEqual([]);
    expect(condition).toMatchObject({
      key: 'hostError kube-dc-mgmt/metal3/worker-3',
      kind: 'hostError',
      subject: {
        type: 'host',
        cluster: 'kube-dc-mgmt',
        namespace: 'metal3',
        name: 'worker-3',
      },
      entityRef: 'resource:default/kube-dc-mgmt.metal3.worker-3',
      owners: ['group:default/metal3-admins'],
      label: 'Inspection failed',
      message: 'timeout reached while inspecting the node',
      reason: 'inspection error',
    });
    expect(condition.fix).toMatch(/re-inspect/);
  });

  it('keeps the same key while BMO retries with other messages (one condition, not one per update)', () => {
    const first = conditionsOf({
      provisioning: { state: 'registering' },
      operationalStatus: 'error',
      errorType: 'registration error',
      errorMessage: 'Failed to get power state',
      errorCount: 1,
    });
    const later = conditionsOf({
      provisioning: { state: 'registering' },
      operationalStatus: 'error',
      errorType: 'registration error',
      errorMessage: 'BMC refused the credentials',
      errorCount: 4,
    });
    expect(later.map(c => c.key)).toEqual(first.map(c => c.key));
  });

  it('reports a host stuck past its state’s limit, and not before', () => {
    const limit = EXPECTED_STATE_SECONDS.inspecting / 60;
    expect(
      conditionsOf({
        provisioning: { state: 'inspecting' },
        operationHistory: { inspect: { start: minutesAgo(limit - 1) } },
      }),
    ).toEqual([]);
    const [stuck] = conditionsOf({
      provisioning: { state: 'inspecting' },
      operationHistory: { inspect: { start: minutesAgo(limit + 5) } },
    });
    expect(stuck).toMatchObject({
      key: 'hostStuck kube-dc-mgmt/metal3/worker-3',
      kind: 'hostStuck',
      label: 'stuck inspecting',
      reason: 'inspecting',
    });
    expect(stuck.message).toMatch(/inspecting for 35m/);
  });

  it('uses the configured limits', () => {
    const [stuck] = hostConditions(
      'kube-dc-mgmt',
      host({
        provisioning: { state: 'registering' },
        operationHistory: { register: { start: minutesAgo(2) } },
      }),
      {
        now: NOW,
        stuckSeconds: { ...EXPECTED_STATE_SECONDS, registering: 60 },
        ownerOf,
      },
    );
    expect(stuck?.kind).toBe('hostStuck');
  });

  it('reports an error, not also stuck, for a host that failed in a transient state long ago', () => {
    const conditions = conditionsOf({
      provisioning: { state: 'registering' },
      operationalStatus: 'error',
      errorType: 'registration error',
      operationHistory: { register: { start: minutesAgo(600) } },
    });
    expect(conditions.map(c => c.kind)).toEqual(['hostError']);
  });

  it('reports nothing for settled hosts and for ended operations', () => {
    expect(conditionsOf({ provisioning: { state: 'provisioned' } })).toEqual(
      [],
    );
    expect(
      conditionsOf({
        provisioning: { state: 'inspecting' },
        operationHistory: {
          inspect: { start: minutesAgo(600), end: minutesAgo(590) },
        },
      }),
    ).toEqual([]);
  });

  it('names the owner the catalog module derives from the owner label', () => {
    const [condition] = conditionsOf(
      {
        provisioning: { state: 'available' },
        operationalStatus: 'error',
        errorType: 'power management error',
      },
      { 'metal3.backstage.io/owner': 'team-a' },
    );
    expect(condition.owners).toEqual(['group:default/team-a']);
  });

  it('tells which hosts time alone can make stuck', () => {
    expect(
      mayBecomeStuck(
        host({ provisioning: { state: 'inspecting' } }),
        EXPECTED_STATE_SECONDS,
      ),
    ).toBe(true);
    expect(
      mayBecomeStuck(
        host({ provisioning: { state: 'available' } }),
        EXPECTED_STATE_SECONDS,
      ),
    ).toBe(false);
  });
});
