import { parseBmcAddress } from '@metal3-fleet/plugin-metal3-common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { InMemoryClusterService } from '../../testUtils';
import { createBmcReader } from '../createBmcReader';
import { createIpmiReader } from '../ipmi';
import { ExecFileSeam } from '../ipmi/ipmitool';
import { createRedfishReader } from '../redfishReader';
import { BmcTelemetryService } from '../service/BmcTelemetryService';
import { runPreflight } from '../service/preflight';
import { BmcError } from '../types';
import {
  countingListener,
  LOOPBACK_SPELLINGS,
  OTHER_REFUSED_SPELLINGS,
  testLookup,
} from './__testUtils__/refusedSpellings';
import { createSsrfGuard } from './ssrfGuard';

const SENTINEL = 'sentinel-ssrf-password-c0de';

/**
 * Every outbound path (preflight, telemetry, Redfish redirects, IPMI) with
 * every refused spelling, in production settings (no metal3.bmc). Counting
 * listeners on 127.0.0.1 and ::1 stand behind the loopback spellings: they
 * must see no connection at all, not even a TCP handshake.
 */
describe('SSRF guard on every outbound path', () => {
  let v4: Awaited<ReturnType<typeof countingListener>>;
  let v6: Awaited<ReturnType<typeof countingListener>>;
  const production = createSsrfGuard({ lookup: testLookup });
  const SPELLINGS = [...LOOPBACK_SPELLINGS, ...OTHER_REFUSED_SPELLINGS];

  beforeAll(async () => {
    v4 = await countingListener('127.0.0.1');
    v6 = await countingListener('::1');
  });
  afterAll(async () => {
    await v4.close();
    await v6.close();
  });
  /** Nothing reached either loopback listener, not even a TCP handshake. */
  const expectUntouched = () =>
    expect([v4.connections(), v6.connections()]).toEqual([0, 0]);

  /** The port behind the spelling: the IPv6 loopback listener for ::1, else the IPv4 one. */
  const portFor = (host: string) => (host === '[::1]' ? v6.port : v4.port);
  const redfish = (host: string) =>
    `redfish://${host}:${portFor(host)}/redfish/v1/Systems/1`;
  /** Spellings the address parser refuses itself (numeric forms, zones). */
  const parserRefuses = (host: string) => !parseBmcAddress(redfish(host)).ok;

  it('the counting listeners do count (the guard, not the network, keeps them at 0)', async () => {
    const { connect } = await import('node:net');
    for (const [host, listener] of [
      ['127.0.0.1', v4],
      ['::1', v6],
    ] as const) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(listener.port, host, () => {
          socket.destroy();
          resolve();
        }).on('error', reject);
      });
      await new Promise(r => setTimeout(r, 50));
      expect(listener.connections()).toBe(1);
    }
    // Reset for afterEach: new listeners for the tests that follow.
    await v4.close();
    await v6.close();
    v4 = await countingListener('127.0.0.1');
    v6 = await countingListener('::1');
  });

  it.each(SPELLINGS)('preflight: %s', async (host, reason) => {
    const result = await runPreflight(
      {
        address: redfish(host),
        username: 'admin',
        password: SENTINEL,
        disableCertificateVerification: true,
      },
      {
        guard: production,
        openReader: target =>
          createBmcReader(target, { guard: production, retries: 0 }),
        timeoutMs: 2_000,
      },
    );
    expect(result.ok).toBe(false);
    // Either the address parser refuses the spelling (it names numeric
    // spellings and zones) or the guard does, at the DNS step.
    const failed = result.checks.find(c => c.status === 'fail');
    expect(failed?.id).toBe(parserRefuses(host) ? 'address' : 'dns');
    expect(failed?.message).toMatch(
      parserRefuses(host) ? /is invalid/ : reason,
    );
    expect(
      result.checks
        .filter(c => ['tcp', 'tls', 'authentication'].includes(c.id))
        .map(c => c.status),
    ).toEqual(['skipped', 'skipped', 'skipped']);
    expect(JSON.stringify(result)).not.toContain(SENTINEL);
    expectUntouched();
  });

  it.each(SPELLINGS)('telemetry: %s', async (host, reason) => {
    const clusters = new InMemoryClusterService(['lab']);
    clusters.put('lab', 'baremetalhosts', {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name: 'victim', namespace: 'metal3', uid: 'u1' },
      spec: {
        bmc: {
          address: redfish(host),
          credentialsName: 'victim-bmc',
          disableCertificateVerification: true,
        },
      },
    });
    const telemetry = new BmcTelemetryService({
      clusters,
      readCredentials: async () => ({ username: 'admin', password: SENTINEL }),
      openReader: (target, { signal, preferBasicAuth }) =>
        createBmcReader(target, {
          guard: production,
          signal,
          preferBasicAuth,
          retries: 0,
        }),
    });
    const outcome = await telemetry
      .read(
        { cluster: 'lab', namespace: 'metal3', name: 'victim' },
        { firmware: true },
      )
      .then(
        reading => ({
          kind: 'reading',
          system: reading.system,
          message: reading.errors.find(e => e.part === 'system')?.message,
        }),
        (error: Error) => ({ kind: error.name, message: error.message }),
      );
    // The parser refuses some spellings before any reader is opened; the
    // guard refuses the rest, and the reading says why.
    expect(outcome.kind).toBe(parserRefuses(host) ? 'InputError' : 'reading');
    expect(outcome.message).toMatch(
      parserRefuses(host) ? /is invalid/ : reason,
    );
    expect(outcome).not.toHaveProperty('system.powerState');
    expect(JSON.stringify(outcome)).not.toContain(SENTINEL);
    expectUntouched();
  });

  describe('Redfish redirects', () => {
    // The BMC (127.0.0.2, plain HTTP) is the one address allowed.
    const guard = createSsrfGuard({
      allow: ['loopback'],
      allowedNetworks: ['127.0.0.2/32'],
      lookup: testLookup,
    });
    let bmc: Server;
    let location = '';
    let bmcRequests = 0;

    beforeAll(async () => {
      bmc = createServer((_req, res) => {
        bmcRequests++;
        res.writeHead(302, { Location: location }).end();
      });
      await new Promise<void>(r => bmc.listen(0, '127.0.0.2', r));
    });
    afterAll(() => new Promise<void>(r => bmc.close(() => r())));

    it.each(SPELLINGS)('to %s', async host => {
      location = `https://${host}:${portFor(host)}/redfish/v1/Systems/1`;
      bmcRequests = 0;
      const reader = createRedfishReader(
        {
          address: `redfish+http://127.0.0.2:${
            (bmc.address() as AddressInfo).port
          }/redfish/v1/Systems/1`,
          username: 'admin',
          password: SENTINEL,
        },
        { guard, retries: 0, preferBasicAuth: true, requestTimeoutMs: 2_000 },
      );
      const error = await reader.system().catch(e => e);
      await reader.close();
      expect(bmcRequests).toBe(1);
      expect(error).toBeInstanceOf(BmcError);
      // `%25` zones are not URLs to the URL parser; everything else reaches
      // the guard and is refused there.
      expect(error.kind).toBe(host.includes('%') ? 'protocol' : 'refused');
      expect(error.message).not.toContain(SENTINEL);
      expectUntouched();
    });
  });

  describe('IPMI', () => {
    const spawned: string[][] = [];
    const execFile: ExecFileSeam = (_file, args, _options, callback) => {
      spawned.push(args);
      setImmediate(() => callback(null, 'Chassis Power is on\n', ''));
    };

    it.each(SPELLINGS)('ipmitool never runs for %s', async (host, reason) => {
      spawned.length = 0;
      const reader = createIpmiReader(
        {
          address: `ipmi://${host}:${portFor(host)}`,
          username: 'admin',
          password: SENTINEL,
        },
        { guard: production, execFile },
      );
      const error = await reader.system().catch(e => e);
      expect(error).toBeInstanceOf(BmcError);
      expect(error.kind).toBe(parserRefuses(host) ? 'address' : 'refused');
      expect(error.message).toMatch(
        parserRefuses(host) ? /is invalid/ : reason,
      );
      expect(spawned).toEqual([]);
      expectUntouched();
    });

    it('gives ipmitool the checked literal, never the name', async () => {
      spawned.length = 0;
      const guard = createSsrfGuard({
        lookup: async () => [{ address: '::ffff:10.1.2.3', family: 6 }],
      });
      const reader = createIpmiReader(
        { address: 'ipmi://bmc-7.rack.example', username: 'a', password: 'b' },
        { guard, execFile },
      );
      await expect(reader.system()).resolves.toMatchObject({
        powerState: 'On',
      });
      expect(spawned.length).toBeGreaterThan(0);
      for (const args of spawned) {
        expect(args[args.indexOf('-H') + 1]).toBe('10.1.2.3');
        expect(args.join(' ')).not.toContain('rack.example');
      }
    });
  });
});
