import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  createOwnerResolver,
  EXPECTED_STATE_SECONDS,
} from '@metal3-fleet/plugin-metal3-common';
import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import { Knex } from 'knex';
import {
  databasesUnderTest,
  freshDatabase,
  stopPostgres,
} from '../__testUtils__/testDatabases';
import { migrateToLatest } from '../database/migrateDatabase';
import { OperationStore } from '../database/OperationStore';
import { FleetEventDetector } from '../fleetEvents/FleetEventDetector';
import { FleetLease } from '../fleetEvents/FleetLease';
import { FleetNotifier } from './FleetNotifier';
import {
  NotificationKind,
  readNotificationSettings,
} from './notificationSettings';
import { NotificationStore } from './NotificationStore';
import { ConfigReader } from '@backstage/config';

jest.setTimeout(60_000);

const CLUSTER = 'kube-dc-mgmt';
const LEASE_MS = 500;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const ownerOf = createOwnerResolver({
  ownerKey: 'metal3.backstage.io/owner',
  defaultOwner: 'group:default/metal3-admins',
});

let rv = 0;
function bmh(name: string, error?: string) {
  return {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: { name, namespace: 'metal3', resourceVersion: String(++rv) },
    spec: { online: true },
    status: {
      provisioning: { state: 'available' },
      ...(error && {
        operationalStatus: 'error',
        errorType: 'power management error',
        errorMessage: error,
      }),
    },
  };
}

interface Sent {
  replica: string;
  options: NotificationSendOptions;
}

afterAll(() => stopPostgres());

/**
 * Two replicas of the portal on one database, each with its own view of the
 * cluster (its own cache) and its own detector: a notification goes out
 * once, whichever replica sees the change.
 */
describe.each(databasesUnderTest('The fleet notifier'))(
  'FleetNotifier on %s',
  kind => {
    let db: { knex: Knex; drop(): Promise<void> };
    let sent: Sent[];
    let running: { detector: FleetEventDetector; notifier: FleetNotifier }[];
    let failNext: number;

    beforeEach(async () => {
      db = await freshDatabase(kind);
      await migrateToLatest(db.knex);
      sent = [];
      running = [];
      failNext = 0;
    });

    afterEach(async () => {
      for (const r of running) r.detector.close();
      await db.drop();
    });

    function replica(
      name: string,
      fleet: InMemoryClusterService,
      disabled: NotificationKind[] = [],
    ) {
      const detector = new FleetEventDetector({
        clusters: fleet,
        ownerOf,
        settings: {
          stuckSeconds: EXPECTED_STATE_SECONDS,
          poolDegradedMs: 60_000,
          checkMs: 3_600_000,
        },
      });
      detector.start();
      const notifier = new FleetNotifier({
        detector,
        lease: new FleetLease(db.knex, {
          name: 'notifier',
          holder: name,
          leaseMs: LEASE_MS,
        }),
        store: new NotificationStore(db.knex),
        operations: new OperationStore(db.knex, { leaseMs: LEASE_MS }),
        notifications: {
          send: async options => {
            if (failNext > 0) {
              failNext--;
              throw new Error('notifications backend unavailable');
            }
            sent.push({ replica: name, options });
          },
        },
        settings: readNotificationSettings(
          new ConfigReader({
            metal3: {
              notifications: Object.fromEntries(
                disabled.map(k => [k, { enabled: false }]),
              ),
            },
          }),
        ),
        logger: mockServices.logger.mock(),
        tickMs: 3_600_000,
      });
      running.push({ detector, notifier });
      return notifier;
    }

    /** The same cluster as two replicas see it: a change reaches both caches. */
    function sharedFleet() {
      const a = new InMemoryClusterService([CLUSTER]);
      const b = new InMemoryClusterService([CLUSTER]);
      return {
        a,
        b,
        put(raw: object) {
          a.put(CLUSTER, 'baremetalhosts', raw);
          b.put(CLUSTER, 'baremetalhosts', structuredClone(raw));
        },
      };
    }

    const titles = () => sent.map(s => s.options.payload.title);

    it('sends a host entering error once across two replicas, and not again while it stays', async () => {
      const fleet = sharedFleet();
      fleet.put(bmh('old-error', 'was broken before the portal came'));
      fleet.put(bmh('w2'));
      const a = replica('a', fleet.a);
      const b = replica('b', fleet.b);
      await Promise.all([a.pass(), b.pass()]);
      // The first look at a cluster is its baseline: old errors are not news.
      expect(sent).toEqual([]);

      fleet.put(bmh('w2', 'BMC does not answer'));
      await Promise.all([a.pass(), b.pass()]);
      await Promise.all([a.pass(), b.pass()]);
      fleet.put(bmh('w2', 'BMC still does not answer'));
      await Promise.all([a.pass(), b.pass()]);

      expect(sent).toHaveLength(1);
      expect(sent[0].options).toEqual({
        recipients: {
          type: 'entity',
          entityRef: [
            'resource:default/kube-dc-mgmt.metal3.w2',
            'group:default/metal3-admins',
          ],
        },
        payload: expect.objectContaining({
          title: 'w2 (kube-dc-mgmt/metal3): Power management error',
          link: '/metal3/hosts/kube-dc-mgmt/metal3/w2',
          severity: 'high',
          topic: 'metal3-host-error',
          scope: 'metal3:hostError:kube-dc-mgmt/metal3/w2',
        }),
      });
      expect(sent[0].options.payload.description).toMatch(
        /^BMC does not answer What to do: Check the BMC/,
      );
    });

    it('sends nothing from a replica without the lease, whatever its cache shows', async () => {
      const a = new InMemoryClusterService([CLUSTER]);
      const b = new InMemoryClusterService([CLUSTER]);
      const holder = replica('a', a);
      const other = replica('b', b);
      await holder.pass();
      await other.pass();
      // Only b's cache has the change (a's watch is behind): b may not act.
      b.put(CLUSTER, 'baremetalhosts', bmh('w3', 'down'));
      await other.pass();
      await holder.pass();
      expect(sent).toEqual([]);
      a.put(CLUSTER, 'baremetalhosts', bmh('w3', 'down'));
      await holder.pass();
      await other.pass();
      expect(sent.map(s => s.replica)).toEqual(['a']);
    });

    it('announces a host failing again after it recovered (a new episode, the same scope)', async () => {
      const fleet = sharedFleet();
      const a = replica('a', fleet.a);
      await a.pass();
      fleet.put(bmh('w4', 'down'));
      await a.pass();
      fleet.put(bmh('w4'));
      await a.pass();
      fleet.put(bmh('w4', 'down again'));
      await a.pass();
      expect(sent.map(s => s.options.payload.scope)).toEqual([
        'metal3:hostError:kube-dc-mgmt/metal3/w4',
        'metal3:hostError:kube-dc-mgmt/metal3/w4',
      ]);
    });

    it('lets the other replica take over and send what entered while the lease moved', async () => {
      const fleet = sharedFleet();
      const a = replica('a', fleet.a);
      const b = replica('b', fleet.b);
      await a.pass();
      await b.pass();
      await a.stop(); // a shutdown hands the lease over at once
      fleet.put(bmh('w5', 'down'));
      await b.pass();
      await b.pass();
      expect(sent.map(s => `${s.replica} ${s.options.payload.title}`)).toEqual([
        'b w5 (kube-dc-mgmt/metal3): Power management error',
      ]);
    });

    it('takes the lease over from a replica that stopped renewing it (crashed)', async () => {
      const fleet = sharedFleet();
      const a = replica('a', fleet.a);
      const b = replica('b', fleet.b);
      await a.pass();
      fleet.put(bmh('w6', 'down'));
      await b.pass(); // a holds the lease: b sends nothing
      expect(sent).toEqual([]);
      await sleep(LEASE_MS + 100); // a is gone without releasing
      await b.pass();
      expect(sent.map(s => s.replica)).toEqual(['b']);
    });

    it('records a kind that is switched off without sending it, then or later', async () => {
      const fleet = sharedFleet();
      const off = replica('a', fleet.a, ['hostError']);
      await off.pass();
      fleet.put(bmh('w7', 'down'));
      await off.pass();
      expect(sent).toEqual([]);
      await off.stop();
      // Switched on again (a restart with new config): what was in force
      // while it was off is not announced late.
      const on = replica('b', fleet.b);
      await on.pass();
      expect(sent).toEqual([]);
    });

    it('retries a send that failed until it goes out, once', async () => {
      const fleet = sharedFleet();
      const a = replica('a', fleet.a);
      await a.pass();
      fleet.put(bmh('w8', 'down'));
      failNext = 1;
      await a.pass();
      expect(sent).toEqual([]);
      await a.pass();
      await a.pass();
      expect(titles()).toEqual([
        'w8 (kube-dc-mgmt/metal3): Power management error',
      ]);
    });

    it('tells the user who started a long operation that it ended, once, and nothing of what ended before', async () => {
      const operations = new OperationStore(db.knex, { leaseMs: LEASE_MS });
      const run = async (name: string, ok: boolean) => {
        const started = await operations.startOrFind({
          action: 'maintenance-on',
          target: { cluster: CLUSTER, namespace: 'metal3', name },
          startedBy: 'user:default/alice',
          runner: 'a',
          message: 'started',
        });
        if (!('lease' in started)) throw new Error('expected a new operation');
        await operations.finish(
          started.lease,
          ok
            ? {
                state: 'succeeded',
                result: `node ${name} drained: 3 pods evicted`,
              }
            : {
                state: 'failed',
                error: 'eviction blocked by a PodDisruptionBudget',
              },
          'done',
        );
      };
      await run('w-old', true);
      const fleet = sharedFleet();
      const a = replica('a', fleet.a);
      const b = replica('b', fleet.b);
      await Promise.all([a.pass(), b.pass()]);
      await sleep(5); // finished after the baseline, to the millisecond
      await run('w9', true);
      await run('w10', false);
      await Promise.all([a.pass(), b.pass()]);
      await Promise.all([a.pass(), b.pass()]);
      expect(
        sent.map(s => [
          s.options.recipients,
          s.options.payload.title,
          s.options.payload.severity,
          s.options.payload.description,
        ]),
      ).toEqual([
        [
          { type: 'entity', entityRef: 'user:default/alice' },
          'Maintenance (cordon and drain) of w9 (kube-dc-mgmt/metal3) finished',
          'normal',
          'node w9 drained: 3 pods evicted',
        ],
        [
          { type: 'entity', entityRef: 'user:default/alice' },
          'Maintenance (cordon and drain) of w10 (kube-dc-mgmt/metal3) failed',
          'high',
          'eviction blocked by a PodDisruptionBudget',
        ],
      ]);
    });
  },
);
