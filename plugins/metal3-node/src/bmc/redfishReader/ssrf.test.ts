import { generateCertificates } from '@metal3-fleet/metal3-lab';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { createSsrfGuard } from '../ssrf';
import { createRedfishReader } from './createRedfishReader';

/** An HTTPS server that counts every request it receives. */
async function countingServer(
  host: string,
  certs: { certPem: string; keyPem: string },
  redirectTo?: () => string,
) {
  const seen: string[] = [];
  const server: Server = createServer(
    { cert: certs.certPem, key: certs.keyPem },
    (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (redirectTo) {
        res.writeHead(302, { Location: redirectTo() }).end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      }
    },
  );
  await new Promise<void>(r => server.listen(0, host, r));
  return { server, seen, port: (server.address() as AddressInfo).port };
}

describe('SSRF guard on Redfish requests', () => {
  const certs = generateCertificates([
    '127.0.0.1',
    '127.0.0.2',
    '127.0.0.3',
    '::1',
  ]);
  const readerFor = (
    address: string,
    guard: ReturnType<typeof createSsrfGuard>,
  ) =>
    createRedfishReader(
      {
        address,
        username: 'admin',
        password: 'x',
        disableCertificateVerification: true,
      },
      { guard, retries: 0, requestTimeoutMs: 2_000 },
    );

  it.each([
    [
      'cloud metadata',
      'redfish://169.254.169.254/redfish/v1/Systems/1',
      /cloud metadata/,
    ],
    ['IPv6 loopback', 'redfish://[::1]:8443/redfish/v1/Systems/1', /loopback/],
  ])('refuses %s before connecting', async (_what, address, reason) => {
    const error = await readerFor(address, createSsrfGuard())
      .system()
      .catch(e => e);
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(reason);
  });

  it('refuses 127.0.0.1 when loopback is not allowed, sending it nothing', async () => {
    const victim = await countingServer('127.0.0.1', certs);
    try {
      const error = await readerFor(
        `redfish://127.0.0.1:${victim.port}/redfish/v1/Systems/1`,
        createSsrfGuard(),
      )
        .system()
        .catch(e => e);
      expect(error.kind).toBe('refused');
      expect(error.message).toBe(
        'BMC host 127.0.0.1 resolves to 127.0.0.1, which is refused (loopback)',
      );
      expect(victim.seen).toEqual([]);
    } finally {
      victim.server.close();
    }
  });

  it('refuses a name resolving to a private address outside the allowed networks', async () => {
    const guard = createSsrfGuard({
      allowedNetworks: ['192.168.10.0/24'],
      lookup: async () => [{ address: '10.9.9.9', family: 4 }],
    });
    const error = await readerFor('redfish://bmc-17.corp.example', guard)
      .system()
      .catch(e => e);
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(
      /bmc-17\.corp\.example resolves to 10\.9\.9\.9.*outside metal3\.bmc\.allowedNetworks/,
    );
  });

  describe('redirects', () => {
    // The BMC (127.0.0.2) is allowed; 127.0.0.1 is outside the allowed networks.
    const guard = createSsrfGuard({
      allow: ['loopback'],
      allowedNetworks: ['127.0.0.2/32'],
      lookup: async host =>
        host === 'internal.example'
          ? [{ address: '10.1.2.3', family: 4 }]
          : [{ address: host, family: 4 }],
    });

    it.each([
      [
        'the cloud metadata address',
        () => 'https://169.254.169.254/latest/meta-data/',
        /cloud metadata/,
      ],
      [
        'IPv6 loopback (outside the allowed network)',
        () => 'https://[::1]:9/redfish/v1/',
        /::1 resolves to ::1, which is refused/,
      ],
      [
        'a name resolving to a private address',
        () => 'https://internal.example/redfish/v1/',
        /10\.1\.2\.3/,
      ],
    ])('refuses a redirect to %s', async (_what, target, reason) => {
      const bmc = await countingServer('127.0.0.2', certs, target);
      try {
        const error = await readerFor(
          `redfish://127.0.0.2:${bmc.port}/redfish/v1/Systems/1`,
          guard,
        )
          .system()
          .catch(e => e);
        expect(error.kind).toBe('refused');
        expect(error.message).toMatch(reason);
        expect(bmc.seen.length).toBeGreaterThan(0);
      } finally {
        bmc.server.close();
      }
    });

    it('refuses a redirect to 127.0.0.1 and that server never sees a request', async () => {
      const victim = await countingServer('127.0.0.1', certs);
      const bmc = await countingServer(
        '127.0.0.2',
        certs,
        () => `https://127.0.0.1:${victim.port}/redfish/v1/`,
      );
      try {
        const error = await readerFor(
          `redfish://127.0.0.2:${bmc.port}/redfish/v1/Systems/1`,
          guard,
        )
          .system()
          .catch(e => e);
        expect(error.kind).toBe('refused');
        expect(error.message).toMatch(
          /127\.0\.0\.1.*outside metal3\.bmc\.allowedNetworks/,
        );
        expect(victim.seen).toEqual([]);
      } finally {
        bmc.server.close();
        victim.server.close();
      }
    });
  });

  it('sends no credentials to another origin it is redirected to, and never downgrades to HTTP', async () => {
    const headers: Record<string, string | undefined>[] = [];
    const other = await countingServer('127.0.0.3', certs);
    other.server.removeAllListeners('request');
    other.server.on('request', (req, res) => {
      headers.push({
        authorization: req.headers.authorization,
        token: req.headers['x-auth-token'] as string | undefined,
      });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
    const bmc = await countingServer(
      '127.0.0.2',
      certs,
      () => `https://127.0.0.3:${other.port}/redfish/v1/Systems/1`,
    );
    const guard = createSsrfGuard({ allow: ['loopback'] });
    try {
      const reader = createRedfishReader(
        {
          address: `redfish://127.0.0.2:${bmc.port}/redfish/v1/Systems/1`,
          username: 'admin',
          password: 'secret-for-the-bmc-only',
          disableCertificateVerification: true,
        },
        { guard, retries: 0, preferBasicAuth: true },
      );
      await reader.system();
      expect(headers).toEqual([{ authorization: undefined, token: undefined }]);
      const downgrade = await countingServer(
        '127.0.0.2',
        certs,
        () => `http://127.0.0.3:${other.port}/redfish/v1/Systems/1`,
      );
      const error = await createRedfishReader(
        {
          address: `redfish://127.0.0.2:${downgrade.port}/redfish/v1/Systems/1`,
          username: 'admin',
          password: 'x',
          disableCertificateVerification: true,
        },
        { guard, retries: 0, preferBasicAuth: true },
      )
        .system()
        .catch(e => e);
      downgrade.server.close();
      expect(error.kind).toBe('protocol');
      expect(error.message).toMatch(/plain HTTP/);
    } finally {
      bmc.server.close();
      other.server.close();
    }
  });
});
