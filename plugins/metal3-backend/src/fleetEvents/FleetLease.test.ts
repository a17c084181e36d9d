import { Knex } from 'knex';
import {
  databasesUnderTest,
  freshDatabase,
  stopPostgres,
} from '../__testUtils__/testDatabases';
import { migrateToLatest } from '../database/migrateDatabase';
import { FleetLease } from './FleetLease';

jest.setTimeout(60_000);

const LEASE_MS = 400;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

afterAll(() => stopPostgres());

/** The one-replica-at-a-time lease of the notifier, as two replicas share it. */
describe.each(databasesUnderTest('The fleet lease'))(
  'FleetLease on %s',
  kind => {
    let db: { knex: Knex; drop(): Promise<void> };
    let counter = 0;

    beforeAll(async () => {
      db = await freshDatabase(kind);
      await migrateToLatest(db.knex);
    });

    afterAll(async () => {
      await db?.drop();
    });

    const pair = () => {
      const name = `job-${++counter}`;
      return [
        new FleetLease(db.knex, {
          name,
          holder: 'replica-a',
          leaseMs: LEASE_MS,
        }),
        new FleetLease(db.knex, {
          name,
          holder: 'replica-b',
          leaseMs: LEASE_MS,
        }),
      ];
    };

    it('is held by one of two replicas asking at once, and renewed by it', async () => {
      const [a, b] = pair();
      const got = await Promise.all([a.hold(), b.hold()]);
      expect(got.filter(Boolean)).toHaveLength(1);
      const [holder, other] = got[0] ? [a, b] : [b, a];
      for (let i = 0; i < 4; i++) {
        await sleep(LEASE_MS / 3);
        expect(await holder.hold()).toBe(true);
        expect(await other.hold()).toBe(false);
      }
    });

    it('goes to the other replica when the holder stops renewing, and the old holder can write nothing', async () => {
      const [a, b] = pair();
      expect(await a.hold()).toBe(true);
      await sleep(LEASE_MS + 100);
      expect(await b.hold()).toBe(true);
      expect(await a.asHolder(async () => 'written')).toBeUndefined();
      expect(a.held()).toBe(false);
      expect(await b.asHolder(async () => 'written')).toBe('written');
      expect(await a.hold()).toBe(false);
    });

    it('is taken at once after the holder releases it (a shutdown)', async () => {
      const [a, b] = pair();
      expect(await a.hold()).toBe(true);
      await a.release();
      expect(await b.hold()).toBe(true);
    });
  },
);
