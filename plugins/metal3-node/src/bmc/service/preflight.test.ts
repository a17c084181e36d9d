import {
  generateCertificates,
  LabCertificates,
} from '@metal3-fleet/metal3-lab';
import { BmcInventoryDto } from '@metal3-fleet/plugin-metal3-common';
import { createServer as createHttpsServer, Server } from 'node:https';
import { AddressInfo, createServer as createTcpServer } from 'node:net';
import { createSsrfGuard } from '../ssrf';
import { BmcError, BmcReader, BmcTarget } from '../types';
import { runPreflight } from './preflight';

const SENTINEL = 'sentinel-preflight-password-7d1e';

const INVENTORY: BmcInventoryDto = {
  system: {
    manufacturer: 'Contoso',
    model: '3500',
    serialNumber: '437XR1138R2',
    powerState: 'On',
    health: 'OK',
  },
  processors: {},
  memory: {},
  disks: [],
  nics: [
    { name: 'NIC.Integrated.1-1', mac: '12:44:6a:3b:04:11', linkUp: true },
    { name: 'NIC.Integrated.1-2', mac: '12:44:6a:3b:04:12', linkUp: false },
  ],
};

function fakeReader(
  behaviour: { auth?: Error; inventory?: Error } = {},
): BmcReader & { opened: BmcTarget[]; closed: number } {
  const reader = {
    protocol: 'redfish' as const,
    opened: [] as BmcTarget[],
    closed: 0,
    authenticate: async () => {
      if (behaviour.auth) throw behaviour.auth;
    },
    inventory: async () => {
      if (behaviour.inventory) throw behaviour.inventory;
      return INVENTORY;
    },
    system: async () => INVENTORY.system,
    sensors: async () => ({ sensors: [] }),
    logEntries: async () => [],
    firmware: async () => [],
    close: async () => {
      reader.closed++;
    },
  };
  return reader;
}

describe('BMC preflight', () => {
  let certs: LabCertificates;
  let tlsServer: Server;
  let tlsPort: number;
  const loopbackGuard = createSsrfGuard({ allow: ['loopback'] });

  beforeAll(async () => {
    certs = generateCertificates(['127.0.0.1']);
    tlsServer = createHttpsServer(
      { cert: certs.certPem, key: certs.keyPem },
      (_req, res) => res.end('{}'),
    );
    await new Promise<void>(r => tlsServer.listen(0, '127.0.0.1', r));
    tlsPort = (tlsServer.address() as AddressInfo).port;
  });
  afterAll(() => tlsServer.close());

  const target = (overrides: Partial<BmcTarget> = {}): BmcTarget => ({
    address: `redfish+https://127.0.0.1:${tlsPort}/redfish/v1/Systems/437XR1138R2`,
    username: 'admin',
    password: SENTINEL,
    ...overrides,
  });

  const run = (t: BmcTarget, reader = fakeReader(), guard = loopbackGuard) =>
    runPreflight(t, {
      guard,
      openReader: opened => {
        reader.opened.push(opened);
        return reader;
      },
      timeoutMs: 2_000,
    });

  const statuses = (r: { checks: { id: string; status: string }[] }) =>
    Object.fromEntries(r.checks.map(c => [c.id, c.status]));

  it('passes every step for a reachable BMC with a trusted certificate', async () => {
    const reader = fakeReader();
    const result = await run(target({ caBundle: certs.caPem }), reader);
    expect(statuses(result)).toEqual({
      address: 'pass',
      dns: 'pass',
      tcp: 'pass',
      tls: 'pass',
      authentication: 'pass',
      system: 'pass',
      power: 'pass',
      bootMacs: 'pass',
    });
    expect(result.ok).toBe(true);
    expect(result.system?.serialNumber).toBe('437XR1138R2');
    expect(result.bootMacCandidates.map(n => n.mac)).toEqual([
      '12:44:6a:3b:04:11',
      '12:44:6a:3b:04:12',
    ]);
    expect(reader.closed).toBe(1);
    expect(JSON.stringify(result)).not.toContain(SENTINEL);
  });

  it('fails TLS on a self-signed certificate unless verification is disabled, as BMO would', async () => {
    const strict = await run(target());
    expect(statuses(strict)).toMatchObject({
      tls: 'fail',
      authentication: 'skipped',
    });
    expect(strict.checks.find(c => c.id === 'tls')!.message).toMatch(
      /Untrusted certificate \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|unable to verify)/i,
    );
    const relaxed = await run(target({ disableCertificateVerification: true }));
    expect(statuses(relaxed)).toMatchObject({
      tls: 'warn',
      authentication: 'pass',
    });
    expect(relaxed.ok).toBe(true);
  });

  it('names the address field error and checks nothing else', async () => {
    const reader = fakeReader();
    const result = await run(target({ address: 'ilo4://10.0.0.5' }), reader);
    expect(result.ok).toBe(false);
    expect(result.checks[0]).toMatchObject({ id: 'address', status: 'fail' });
    expect(result.checks[0].message).toMatch(/ilo4/);
    expect(result.checks.slice(1).every(c => c.status === 'skipped')).toBe(
      true,
    );
    expect(reader.opened).toEqual([]);
  });

  it('refuses a cloud metadata address before any connection', async () => {
    const reader = fakeReader();
    const result = await run(
      target({ address: 'redfish://169.254.169.254/redfish/v1/Systems/1' }),
      reader,
    );
    expect(statuses(result)).toMatchObject({ dns: 'fail', tcp: 'skipped' });
    expect(result.checks[1].message).toContain('cloud metadata');
    expect(reader.opened).toEqual([]);
  });

  it('reports a closed port as connection refused', async () => {
    const probe = createTcpServer();
    await new Promise<void>(r => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise(r => probe.close(r));
    const result = await run(
      target({
        address: `redfish://127.0.0.1:${closedPort}/redfish/v1/Systems/1`,
      }),
    );
    expect(statuses(result)).toMatchObject({ tcp: 'fail', tls: 'skipped' });
    expect(result.checks.find(c => c.id === 'tcp')!.message).toContain(
      'connection refused',
    );
  });

  it("shows the BMC's credential error without the password, and closes the reader", async () => {
    const reader = fakeReader({
      auth: new BmcError(
        'auth',
        'BMC 127.0.0.1 rejected the credentials for user admin',
      ),
    });
    const result = await run(
      target({ disableCertificateVerification: true }),
      reader,
    );
    expect(statuses(result)).toMatchObject({
      authentication: 'fail',
      system: 'skipped',
    });
    expect(
      result.checks.find(c => c.id === 'authentication')!.message,
    ).toContain('rejected the credentials for user admin');
    expect(JSON.stringify(result)).not.toContain(SENTINEL);
    expect(reader.closed).toBe(1);
  });

  it('hides the text of unexpected errors, which may carry request details', async () => {
    const reader = fakeReader({
      inventory: new Error(`request with Authorization: Basic ${SENTINEL}`),
    });
    const result = await run(
      target({ disableCertificateVerification: true }),
      reader,
    );
    expect(result.checks.find(c => c.id === 'system')).toEqual({
      id: 'system',
      status: 'fail',
      message: 'Unexpected error: Error',
    });
    expect(JSON.stringify(result)).not.toContain(SENTINEL);
  });

  it('skips TCP and TLS for IPMI, which uses UDP', async () => {
    const reader = { ...fakeReader(), protocol: 'ipmi' as const };
    const result = await run(
      target({ address: 'ipmi://127.0.0.1:6230' }),
      reader,
    );
    expect(statuses(result)).toMatchObject({
      tcp: 'skipped',
      tls: 'skipped',
      authentication: 'pass',
      bootMacs: 'warn',
    });
    expect(result.bootMacCandidates).toEqual([]);
  });
});
