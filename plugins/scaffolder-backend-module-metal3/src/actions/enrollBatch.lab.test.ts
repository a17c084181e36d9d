import { mockServices } from '@backstage/backend-test-utils';
import {
  Harness,
  KEYS,
  outputOf,
  recordingAuditor,
  recordingContext,
  secretValue,
  startHarness,
} from '../__testUtils__/labHarness';
import { createEnrollBatchAction, ReportLine } from './enrollBatch';

/**
 * Bulk enrollment against the lab: its simulated BMO registers and inspects
 * new hosts (the BMC accepts the lab's password) and holds back hosts beyond
 * PROVISIONING_LIMIT as `delayed`.
 */
jest.setTimeout(120_000);

const PASSWORD = 'sentinel-batch-password-03d9';
const NS = 'metal3';
let h: Harness;
const store = () => h.lab.clusters[0].store;

beforeAll(async () => {
  h = await startHarness({
    speed: 600,
    bmcPassword: PASSWORD,
    provisioningLimit: 20,
  });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const hex = (i: number) => i.toString(16).padStart(2, '0');

/** 50 rows, of which row 7 has a bad MAC, row 20 an unknown BMC scheme, row 33 the name of row 32. */
function csv(prefix: string) {
  const lines = ['name,bmcAddress,username,bootMACAddress,labels'];
  for (let row = 1; row <= 50; row++) {
    let name = `${prefix}-${String(row).padStart(2, '0')}`;
    let address = `redfish+https://10.20.0.${row}/redfish/v1/Systems/1`;
    let mac = `52:54:00:20:${prefix === 'rack' ? '00' : '01'}:${hex(row)}`;
    if (row === 7) mac = '52:54:00:20:00';
    if (row === 20) address = `foo://10.20.0.${row}`;
    if (row === 33) name = `${prefix}-32`;
    lines.push(`${name},${address},admin,${mac},pool=batch;rack=r${row % 3}`);
  }
  return lines.join('\n');
}

describe('metal3:hosts:enroll-batch against the lab', () => {
  const { auditor, records } = recordingAuditor();
  const action = () =>
    createEnrollBatchAction({
      clusters: h.clusters,
      permissions: mockServices.permissions(),
      auditor,
    });
  const ours = (prefix: string) =>
    store()
      .list(KEYS.bmh, { namespace: NS })
      .filter(b => b.metadata.name!.startsWith(`${prefix}-`));

  it('dry run: every good row validated by the API server, nothing created', async () => {
    const { ctx } = recordingContext({
      input: { cluster: 'kube-dc-mgmt', namespace: NS, hosts: csv('dry') },
      secrets: { bmcPassword: PASSWORD },
      dryRun: true,
    });
    await action().handler(ctx as any);
    expect(ours('dry')).toEqual([]);
    expect(
      store()
        .list(KEYS.secret, { namespace: NS })
        .filter(s => s.metadata.name!.startsWith('dry-')),
    ).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('failed', 3);
  });

  it('50 rows with 3 bad: 47 hosts created in waves of at most 20, a report naming the 3', async () => {
    // Hosts of this batch busy (registering/inspecting) at any one time.
    let busy = 0;
    let mostBusy = 0;
    const state = new Map<string, string>();
    const unsubscribe = store().subscribe(event => {
      const name = event.object?.metadata?.name ?? '';
      if (event.key.resource !== 'baremetalhosts' || !name.startsWith('rack-'))
        return;
      state.set(
        name,
        event.type === 'DELETED'
          ? ''
          : event.object.status?.provisioning?.state ?? '',
      );
      busy = [...state.values()].filter(s =>
        ['', 'registering', 'inspecting'].includes(s),
      ).length;
      mostBusy = Math.max(mostBusy, busy);
    });
    const { ctx, logText } = recordingContext({
      input: {
        cluster: 'kube-dc-mgmt',
        namespace: NS,
        hosts: csv('rack'),
        maxConcurrency: 8,
        waveTimeoutMinutes: 1,
      },
      secrets: { bmcPassword: PASSWORD },
    });
    try {
      await action().handler(ctx as any);
    } finally {
      unsubscribe();
    }
    expect(ours('rack')).toHaveLength(47);
    expect(mostBusy).toBeLessThanOrEqual(20);
    expect(mostBusy).toBeGreaterThan(0);
    const report: ReportLine[] = outputOf(ctx, 'report');
    expect(report).toHaveLength(50);
    expect(
      report.filter(l => l.status === 'invalid').map(l => [l.row, l.field]),
    ).toEqual([
      [7, 'bootMACAddress'],
      [20, 'bmcAddress'],
      [33, 'name'],
    ]);
    expect(report.find(l => l.row === 20)!.message).toMatch(
      /^row 20: bmcAddress: Unknown BMC type 'foo'/,
    );
    expect(ctx.output).toHaveBeenCalledWith('created', 47);
    expect(ctx.output).toHaveBeenCalledWith('failed', 3);
    const secret = store().get(KEYS.secret, NS, 'rack-01-bmc-secret')!;
    expect(secretValue(secret, 'password')).toBe(PASSWORD);
    // The password reached the Secrets and nothing else.
    const everything = JSON.stringify([
      logText(),
      ctx.output.mock.calls,
      records,
    ]);
    expect(everything).toContain('rack-01');
    expect(everything).not.toContain(PASSWORD);
  });

  it('a re-run creates nothing more and reports the hosts as already enrolled', async () => {
    const { ctx } = recordingContext({
      input: {
        cluster: 'kube-dc-mgmt',
        namespace: NS,
        hosts: csv('rack'),
        waitForInspection: false,
      },
      secrets: { bmcPassword: PASSWORD },
    });
    await action().handler(ctx as any);
    const report: ReportLine[] = outputOf(ctx, 'report');
    expect(report.filter(l => l.status === 'exists')).toHaveLength(47);
    expect(ours('rack')).toHaveLength(47);
  });

  it('refuses a batch with no password, naming the secret, creating nothing', async () => {
    const { ctx } = recordingContext({
      input: { cluster: 'kube-dc-mgmt', namespace: NS, hosts: csv('nopw') },
    });
    await expect(action().handler(ctx as any)).rejects.toThrow(
      'secrets.bmcPassword',
    );
    expect(ours('nopw')).toEqual([]);
  });

  it('takes per-host passwords from secrets["bmcPassword.<name>"]', async () => {
    const { ctx } = recordingContext({
      input: {
        cluster: 'kube-dc-mgmt',
        namespace: NS,
        format: 'yaml',
        hosts:
          '- {name: solo-1, bmcAddress: "ipmi://10.30.0.1", username: root, bootMACAddress: "52:54:00:30:00:01"}',
      },
      secrets: { 'bmcPassword.solo-1': PASSWORD },
    });
    await action().handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('created', 1);
    expect(ctx.output).toHaveBeenCalledWith('entityRefs', [
      'resource:default/kube-dc-mgmt.metal3.solo-1',
    ]);
  });
});
