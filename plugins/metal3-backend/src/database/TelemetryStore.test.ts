import { Knex } from 'knex';
import {
  databasesUnderTest,
  freshDatabase,
  stopPostgres,
} from '../__testUtils__/testDatabases';
import { migrateToLatest } from './migrateDatabase';
import { TelemetryStore } from './TelemetryStore';

/**
 * The readings table as replicas share it, on SQLite and PostgreSQL: one
 * reading per host and interval whoever writes it, a bound per host, and
 * pruning by age on the database's clock.
 */
jest.setTimeout(60_000);

const HOUR = 3600_000;
const INTERVAL = 300_000;
const host = (name: string) => ({
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name,
});
const reading = (at: number, watts: number) => ({
  readAt: new Date(at).toISOString(),
  powerWatts: watts,
  temperatureCelsius: 40 + watts / 100,
});

afterAll(() => stopPostgres());

describe.each(databasesUnderTest('The telemetry readings table'))(
  'TelemetryStore on %s',
  kind => {
    let db: { knex: Knex; drop(): Promise<void> };
    let store: TelemetryStore;

    beforeAll(async () => {
      db = await freshDatabase(kind);
      await migrateToLatest(db.knex);
      store = new TelemetryStore(db.knex);
    });

    afterAll(async () => {
      await db?.drop();
    });

    it('names the current interval from the database clock', async () => {
      const slot = await store.currentSlot(INTERVAL);
      expect(slot % INTERVAL).toBe(0);
      expect(Date.now() - slot).toBeGreaterThanOrEqual(-5000);
      expect(Date.now() - slot).toBeLessThan(INTERVAL + 5000);
    });

    it('keeps one reading per host and interval when two replicas sample it at once', async () => {
      const slot = await store.currentSlot(INTERVAL);
      const results = await Promise.all([
        store.record(host('worker-race'), slot, reading(slot, 200)),
        store.record(host('worker-race'), slot, reading(slot + 1000, 210)),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await store.readings(host('worker-race'), slot - HOUR);
      expect(stored).toHaveLength(1);
      expect([200, 210]).toContain(stored[0].powerWatts);
    });

    it('serves readings oldest first, leaving out what a BMC did not say', async () => {
      const now = await store.currentSlot(INTERVAL);
      await store.record(host('worker-order'), now - INTERVAL, {
        readAt: new Date(now - INTERVAL).toISOString(),
        temperatureCelsius: 51,
      });
      await store.record(host('worker-order'), now - 3 * INTERVAL, {
        readAt: new Date(now - 3 * INTERVAL).toISOString(),
        powerWatts: 180,
      });
      expect(await store.readings(host('worker-order'), now - HOUR)).toEqual([
        { readAt: new Date(now - 3 * INTERVAL).toISOString(), powerWatts: 180 },
        {
          readAt: new Date(now - INTERVAL).toISOString(),
          temperatureCelsius: 51,
        },
      ]);
      // The window starts where the caller says.
      expect(
        await store.readings(host('worker-order'), now - 2 * INTERVAL),
      ).toHaveLength(1);
    });

    it('prunes readings older than the retention and keeps each host within its bound', async () => {
      const now = await store.currentSlot(INTERVAL);
      // worker-old: three readings of 3 h ago and one of now.
      for (const age of [
        3 * HOUR,
        3 * HOUR - INTERVAL,
        3 * HOUR - 2 * INTERVAL,
        0,
      ]) {
        await store.record(
          host('worker-old'),
          now - age,
          reading(now - age, 100),
        );
      }
      // worker-busy: 12 recent readings, 5 allowed.
      for (let i = 0; i < 12; i++) {
        await store.record(
          host('worker-busy'),
          now - i * INTERVAL,
          reading(now - i * INTERVAL, 300 + i),
        );
      }
      const pruned = await store.prune({ maxAgeMs: 2 * HOUR, maxPerHost: 5 });
      expect(pruned).toBe(3 + 7);
      const old = await store.readings(host('worker-old'), 0);
      expect(old.map(r => r.readAt)).toEqual([new Date(now).toISOString()]);
      const busy = await store.readings(host('worker-busy'), 0);
      // The newest five stay.
      expect(busy.map(r => r.powerWatts)).toEqual([304, 303, 302, 301, 300]);
      // A second prune finds nothing left to delete.
      expect(await store.prune({ maxAgeMs: 2 * HOUR, maxPerHost: 5 })).toBe(0);
    });
  },
);
