import { InMemoryClusterService } from '../../testUtils';
import { BmcError, BmcReader, BmcTarget } from '../types';
import { BmcTelemetryService } from './BmcTelemetryService';

const SENTINEL = 'sentinel-telemetry-password-55aa';

function fleet(count: number) {
  const clusters = new InMemoryClusterService(['lab']);
  for (let i = 0; i < count; i++) {
    clusters.put('lab', 'baremetalhosts', {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name: `host-${i}`, namespace: 'metal3', uid: `u${i}` },
      spec: {
        bmc: {
          address: `redfish://10.0.0.${i % 250}/redfish/v1/Systems/${i}`,
          credentialsName: `host-${i}-bmc`,
        },
      },
    });
  }
  return clusters;
}

/** A reader whose BMC answers after `delayMs`, or never when hung. */
function readerFor(
  target: BmcTarget,
  signal: AbortSignal,
  behaviour: { delayMs: number; hung?: boolean },
  stats: {
    opened: number;
    closed: number;
    inFlight: number;
    maxInFlight: number;
  },
): BmcReader {
  stats.opened++;
  const answer = <T>(value: T) =>
    new Promise<T>((resolve, reject) => {
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      const done = () => stats.inFlight--;
      if (behaviour.hung) {
        signal.addEventListener('abort', () => {
          done();
          reject(new BmcError('timeout', 'aborted'));
        });
        return;
      }
      setTimeout(() => {
        done();
        resolve(value);
      }, behaviour.delayMs);
    });
  return {
    protocol: 'redfish',
    authenticate: () => answer(undefined),
    system: () =>
      answer({
        powerState: 'On' as const,
        health: 'OK' as const,
        id: target.address,
      }),
    inventory: () => Promise.reject(new Error('unused')),
    sensors: () =>
      answer({
        sensors: [{ name: 'CPU1', kind: 'temperature' as const, reading: 41 }],
      }),
    logEntries: () =>
      Promise.reject(
        new BmcError('unsupported', 'BMC 10.0.0.1 has no log service'),
      ),
    firmware: () => answer([{ name: 'BMC', version: '1.0' }]),
    close: async () => {
      stats.closed++;
    },
  };
}

describe('BmcTelemetryService', () => {
  const stats = () => ({ opened: 0, closed: 0, inFlight: 0, maxInFlight: 0 });

  it('reads every part, keeps per-part errors, and never returns the password', async () => {
    const s = stats();
    const seen: BmcTarget[] = [];
    const service = new BmcTelemetryService({
      clusters: fleet(1),
      readCredentials: async () => ({ username: 'admin', password: SENTINEL }),
      openReader: (target, { signal }) => {
        seen.push(target);
        return readerFor(target, signal, { delayMs: 5 }, s);
      },
    });
    const reading = await service.read(
      { cluster: 'lab', namespace: 'metal3', name: 'host-0' },
      { firmware: true },
    );
    expect(reading).toMatchObject({
      protocol: 'redfish',
      system: { powerState: 'On' },
      sensors: { sensors: [{ name: 'CPU1', reading: 41 }] },
      firmware: [{ name: 'BMC', version: '1.0' }],
      errors: [
        { part: 'logEntries', message: 'BMC 10.0.0.1 has no log service' },
      ],
    });
    expect(seen[0]).toMatchObject({ username: 'admin', password: SENTINEL });
    expect(JSON.stringify(reading)).not.toContain(SENTINEL);
    expect(s.closed).toBe(1);
  });

  it('serves a reading from its cache until it expires, one BMC read for concurrent callers', async () => {
    let now = 1_000_000;
    const s = stats();
    const service = new BmcTelemetryService({
      clusters: fleet(1),
      cacheSeconds: 30,
      now: () => now,
      readCredentials: async () => ({ username: 'a', password: 'b' }),
      openReader: (t, { signal }) => readerFor(t, signal, { delayMs: 5 }, s),
    });
    const ref = { cluster: 'lab', namespace: 'metal3', name: 'host-0' };
    await Promise.all([
      service.read(ref),
      service.read(ref),
      service.read(ref),
    ]);
    expect(s.opened).toBe(1);
    now += 29_000;
    await service.read(ref);
    expect(s.opened).toBe(1);
    await service.read(ref, { refresh: true });
    expect(s.opened).toBe(2);
    now += 31_000;
    await service.read(ref);
    expect(s.opened).toBe(3);
  });

  it('bounds the fan-out and lets a hung BMC hold only its own slot', async () => {
    const s = stats();
    const service = new BmcTelemetryService({
      clusters: fleet(40),
      maxInFlight: 8,
      hostDeadlineMs: 300,
      readCredentials: async () => ({ username: 'a', password: 'b' }),
      openReader: (t, { signal }) =>
        readerFor(
          t,
          signal,
          { delayMs: 10, hung: t.address.includes('10.0.0.3/') },
          s,
        ),
    });
    const started = Date.now();
    const readings = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        service.read(
          { cluster: 'lab', namespace: 'metal3', name: `host-${i}` },
          { depth: 'system' },
        ),
      ),
    );
    const elapsed = Date.now() - started;
    // 40 hosts × 10 ms in 8 slots ≈ 50 ms, plus the one hung host's 300 ms deadline.
    expect(elapsed).toBeLessThan(2_000);
    expect(s.maxInFlight).toBeLessThanOrEqual(8);
    const hung = readings[3];
    expect(hung.system).toBeUndefined();
    expect(hung.errors[0].message).toMatch(/did not answer within/);
    expect(readings.filter(r => r.system?.powerState === 'On')).toHaveLength(
      39,
    );
    expect(s.closed).toBe(40);
  });

  it('reads sensors without the log at depth "sensors" (the history sampling)', async () => {
    const s = stats();
    const service = new BmcTelemetryService({
      clusters: fleet(1),
      readCredentials: async () => ({ username: 'a', password: 'b' }),
      openReader: (t, { signal }) => {
        const reader = readerFor(t, signal, { delayMs: 5 }, s);
        return {
          ...reader,
          logEntries: () => Promise.reject(new Error('log read')),
        };
      },
    });
    const reading = await service.read(
      { cluster: 'lab', namespace: 'metal3', name: 'host-0' },
      { depth: 'sensors' },
    );
    expect(reading.sensors?.sensors[0]).toMatchObject({ reading: 41 });
    expect(reading.logEntries).toBeUndefined();
    // The log was not asked for, so it cannot have failed.
    expect(reading.errors).toEqual([]);
  });

  it('gives a BMC that hung a short deadline next time, the full one again once it answers', async () => {
    const s = stats();
    let hung = true;
    const service = new BmcTelemetryService({
      clusters: fleet(1),
      hostDeadlineMs: 5_000,
      readCredentials: async () => ({ username: 'a', password: 'b' }),
      openReader: (t, { signal }) =>
        readerFor(t, signal, { delayMs: 5, hung }, s),
    });
    const ref = { cluster: 'lab', namespace: 'metal3', name: 'host-0' };
    const first = await service.read(ref, { refresh: true });
    expect(first.errors[0].message).toMatch(/within 5 s/);
    const second = await service.read(ref, { refresh: true });
    expect(second.errors[0].message).toMatch(/within 3 s/);
    hung = false;
    expect((await service.read(ref, { refresh: true })).system).toBeDefined();
    hung = true;
    const again = await service.read(ref, { refresh: true });
    expect(again.errors[0].message).toMatch(/within 5 s/);
  }, 30_000);

  it('names what is missing for hosts it cannot read', async () => {
    const service = new BmcTelemetryService({
      clusters: fleet(1),
      openReader: () => {
        throw new Error('unreachable');
      },
    });
    await expect(
      service.read({ cluster: 'lab', namespace: 'metal3', name: 'nope' }),
    ).rejects.toThrow('No BareMetalHost metal3/nope in cluster lab');
    await expect(
      service.read({ cluster: 'other', namespace: 'metal3', name: 'host-0' }),
    ).rejects.toThrow('No cluster other in metal3.clusters');
  });
});
