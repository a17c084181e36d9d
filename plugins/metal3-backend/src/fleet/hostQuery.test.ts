import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import { HostIndex } from './HostIndex';
import { encodeCursor, parseHostQuery, runHostQuery } from './hostQuery';

const now = new Date('2026-11-25T12:00:00Z');

function fleet(count: number) {
  const clusters = new InMemoryClusterService(['a', 'b']);
  for (let i = 0; i < count; i++) {
    clusters.put(i % 2 ? 'b' : 'a', 'baremetalhosts', {
      metadata: {
        name: `host-${String(i).padStart(3, '0')}`,
        namespace: 'metal3',
        uid: `u${i}`,
        resourceVersion: '1',
        labels: { rack: `r${i % 3}` },
      },
      spec: { online: true },
      status: {
        provisioning: { state: i % 4 === 0 ? 'provisioning' : 'available' },
        operationHistory: {
          provision: {
            start: new Date(now.getTime() - i * 60_000).toISOString(),
          },
        },
        hardware: {
          systemVendor: { manufacturer: i % 5 === 0 ? 'HPE' : 'Dell Inc.' },
          ramMebibytes: 1024 * (i % 7),
          nics: [],
          storage: [],
        },
      },
    });
  }
  return new HostIndex({
    clusters,
    ownerKey: 'o',
    defaultOwner: 'group:default/ops',
  });
}

const run = (index: HostIndex, params: Record<string, string>) =>
  runHostQuery(index.all(), parseHostQuery(params), now);

describe('runHostQuery', () => {
  const index = fleet(200);

  it('pages through every host exactly once, in order', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = run(index, {
        limit: '37',
        sort: '-ram',
        ...(cursor && { cursor }),
      });
      seen.push(...page.items.map(h => `${h.cluster}/${h.name}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
    const full = run(index, { limit: '200', sort: '-ram' }).items.map(
      h => `${h.cluster}/${h.name}`,
    );
    expect(seen).toEqual(full);
  });

  it('counts each facet over the hosts matching every other filter', () => {
    const result = run(index, { status: 'provisioning', vendor: 'HPE' });
    // 200 hosts: provisioning when i%4==0 (50), HPE when i%5==0 (40), both when i%20==0 (10).
    expect(result.total).toBe(10);
    expect(result.facets.status).toEqual({ provisioning: 10, available: 30 });
    expect(result.facets.vendor).toEqual({ HPE: 10, 'Dell Inc.': 40 });
    expect(result.facets.cluster).toEqual({ a: 10 });
  });

  it('understands negated free text, field terms and labels', () => {
    expect(run(index, { q: '-hpe' }).total).toBe(160);
    expect(run(index, { q: 'cluster:b -hpe' }).total).toBe(80);
    expect(run(index, { q: 'label:rack=r1' }).total).toBe(67);
    expect(run(index, { label: 'rack' }).total).toBe(200);
  });

  it('finds hosts stuck longer than their state allows', () => {
    // Provisioning hosts started i minutes ago; stuck beyond 40 minutes.
    const result = run(index, { attention: 'true', limit: '500' });
    expect(result.items.every(h => h.stuck?.stuck)).toBe(true);
    expect(result.total).toBe(
      result.items.filter(h => h.timeInStateSeconds! > 2400).length,
    );
    expect(result.total).toBeGreaterThan(0);
  });

  it.each([
    [{ sort: 'colour' }, 'sort: "colour" is not one of'],
    [{ limit: '0' }, 'limit: must be a whole number from 1 to 500'],
    [{ cursor: 'garbage' }, 'cursor: not a cursor this API returned'],
  ])('rejects %j naming the parameter', (params, message) => {
    expect(() => parseHostQuery(params)).toThrow(message);
  });

  it('accepts the cursors it issues', () => {
    expect(parseHostQuery({ cursor: encodeCursor(50) }).offset).toBe(50);
  });

  it('leaves out hosts matching a negated field term (-status:x, -vendor:x)', () => {
    // 50 of 200 are provisioning (i%4==0); 40 are HPE (i%5==0).
    expect(run(index, { q: '-status:provisioning' }).total).toBe(150);
    expect(run(index, { q: '-vendor:hpe' }).total).toBe(160);
    expect(run(index, { q: '-vendor:hpe -status:provisioning' }).total).toBe(
      120,
    );
    expect(
      run(index, { q: '-status:provisioning', limit: '200' }).items.some(
        h => h.status.code === 'provisioning',
      ),
    ).toBe(false);
  });

  it('filters on runbook findings with is:noncompliant and is:drift, with other terms', () => {
    // Flags as the checks service gives them: host-001 breaks the node
    // labels, host-002 drifts, host-003 both.
    const flags: Record<string, string[]> = {
      'b/host-001': ['is:noncompliant'],
      'a/host-002': ['is:drift'],
      'b/host-003': ['is:noncompliant', 'is:drift'],
    };
    const flagsOf = (h: { summary: { cluster: string; name: string } }) =>
      new Set(flags[`${h.summary.cluster}/${h.summary.name}`] ?? []) as any;
    const names = (q: string) =>
      runHostQuery(index.all(), parseHostQuery({ q }), now, flagsOf).items.map(
        h => h.name,
      );
    expect(names('is:noncompliant')).toEqual(['host-001', 'host-003']);
    expect(names('IS:DRIFT')).toEqual(['host-002', 'host-003']);
    expect(names('is:noncompliant is:drift')).toEqual(['host-003']);
    expect(names('is:drift cluster:a')).toEqual(['host-002']);
    // Without the checks nothing is known to match: none, not all.
    expect(
      runHostQuery(index.all(), parseHostQuery({ q: 'is:drift' }), now).total,
    ).toBe(0);
  });
});
