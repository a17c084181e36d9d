import { NotAllowedError } from '@backstage/errors';
import { generateCertificates } from '@metal3-fleet/metal3-lab';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { InMemoryClusterService } from '../../testUtils';
import { createSsrfGuard } from '../ssrf';
import { BmcReader, BmcTarget } from '../types';
import { CredentialsOwner, DefaultMetal3BmcService } from './Metal3BmcService';

const SENTINEL = 'sentinel-credentials-ref-5e11';

/** A BMC with a self-signed certificate: the TLS check shows which flag applied. */
let bmc: Server;
let port: number;
beforeAll(async () => {
  const certs = generateCertificates(['127.0.0.1']);
  bmc = createServer({ cert: certs.certPem, key: certs.keyPem }, (_q, r) =>
    r.end('{}'),
  );
  await new Promise<void>(r => bmc.listen(0, '127.0.0.1', r));
  port = (bmc.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>(r => bmc.close(() => r())));

function setup() {
  const address = (system: string) =>
    `redfish+https://127.0.0.1:${port}/redfish/v1/Systems/${system}`;
  const clusters = new InMemoryClusterService(['lab']);
  for (const [name, skipVerify] of [
    ['trusting', true],
    ['strict', false],
  ] as const) {
    clusters.put('lab', 'baremetalhosts', {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name, namespace: 'metal3', uid: name },
      spec: {
        bmc: {
          address: address(name),
          credentialsName: `${name}-bmc`,
          disableCertificateVerification: skipVerify,
        },
      },
    });
  }
  const secretsRead: string[] = [];
  const opened: BmcTarget[] = [];
  const service = new DefaultMetal3BmcService({
    clusters,
    guard: createSsrfGuard({ allow: ['loopback'] }),
    readCredentials: async (_cache, namespace, name) => {
      secretsRead.push(`${namespace}/${name}`);
      return { username: 'admin', password: SENTINEL };
    },
    openReader: target => {
      opened.push(target);
      const reader: BmcReader = {
        protocol: 'redfish',
        authenticate: async () => undefined,
        system: async () => ({ powerState: 'On' }),
        inventory: async () => ({
          system: { powerState: 'On' },
          processors: {},
          memory: {},
          disks: [],
          nics: [],
        }),
        sensors: async () => ({ sensors: [] }),
        logEntries: async () => [],
        firmware: async () => [],
        close: async () => undefined,
      };
      return reader;
    },
  });
  const byRef = (host: string, disableCertificateVerification?: boolean) => ({
    address: address(host),
    credentialsRef: {
      cluster: 'lab',
      namespace: 'metal3',
      name: `${host}-bmc`,
    },
    ...(disableCertificateVerification !== undefined && {
      disableCertificateVerification,
    }),
  });
  return { service, secretsRead, opened, byRef };
}

describe('preflight with a credentialsRef', () => {
  it("uses the host's own disableCertificateVerification, not the request's", async () => {
    const { service, opened, byRef } = setup();
    const authorized: CredentialsOwner[] = [];
    const access = {
      authorizeHost: async (host: CredentialsOwner) => {
        authorized.push(host);
      },
    };

    // The request asks to skip verification; the host does not: TLS fails.
    const strict = await service.preflight(byRef('strict', true), access);
    expect(strict.checks.find(c => c.id === 'tls')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/^Untrusted certificate/),
    });
    expect(opened).toEqual([]);

    // The request says nothing; the host skips verification: TLS warns and
    // the credentials are tried.
    const trusting = await service.preflight(byRef('trusting', false), access);
    expect(trusting.checks.find(c => c.id === 'tls')).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(
        /accepted because disableCertificateVerification is set/,
      ),
    });
    expect(trusting.checks.find(c => c.id === 'authentication')).toMatchObject({
      status: 'pass',
    });
    expect(opened).toEqual([
      expect.objectContaining({
        disableCertificateVerification: true,
        password: SENTINEL,
      }),
    ]);
    expect(authorized).toEqual([
      { cluster: 'lab', namespace: 'metal3', name: 'strict' },
      { cluster: 'lab', namespace: 'metal3', name: 'trusting' },
    ]);
    expect(JSON.stringify([strict, trusting])).not.toContain(SENTINEL);
  });

  it('reads no Secret for a caller who may not read the host', async () => {
    const { service, secretsRead, opened, byRef } = setup();
    await expect(
      service.preflight(byRef('trusting'), {
        authorizeHost: async () => {
          throw new NotAllowedError('You are not allowed to metal3.host.read');
        },
      }),
    ).rejects.toThrow('You are not allowed to metal3.host.read');
    // A caller that checks nothing gets nothing either.
    await expect(service.preflight(byRef('trusting'))).rejects.toThrow(
      NotAllowedError,
    );
    expect(secretsRead).toEqual([]);
    expect(opened).toEqual([]);
  });
});
