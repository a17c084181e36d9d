import { KubeApiError, KubeClient } from '../cluster/kube';
import { enrollHostWithSecret } from './hostEnrollment';

/**
 * The failure paths the lab cannot stage on demand: a host creation that
 * never answers, and a Secret that cannot be deleted afterwards. Everything
 * else is covered against the lab (writes.lab.test.ts).
 */
function fakeClient(behaviour: {
  hostPost: () => Promise<unknown>;
  secretDelete: () => Promise<unknown>;
}) {
  const calls: string[] = [];
  const client = {
    request: async (method: string, path: string) => {
      calls.push(`${method} ${path}`);
      if (method === 'POST' && path.endsWith('/secrets'))
        return { metadata: { uid: 'uid-1' } };
      if (method === 'POST') return behaviour.hostPost();
      if (method === 'GET')
        throw new KubeApiError(404, 'not found', 'NotFound');
      if (method === 'DELETE') return behaviour.secretDelete();
      throw new Error(`unexpected ${method}`);
    },
  } as unknown as KubeClient;
  return { client, calls };
}

const manifests = {
  secret: {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'h-bmc-secret', namespace: 'ns' },
    stringData: { username: 'admin', password: 'sentinel-pw-3391' },
  },
  host: {
    metadata: { name: 'h', namespace: 'ns' },
    spec: {
      bootMACAddress: '02:00:00:00:00:01',
      bmc: { credentialsName: 'h-bmc-secret' },
    },
  },
};

function recorder() {
  const lines: string[] = [];
  return {
    lines,
    info: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(`WARN ${m}`),
  };
}

describe('enrollHostWithSecret failure paths', () => {
  it('withdraws the Secret when the host gets no answer in time, and says it was removed', async () => {
    const { client, calls } = fakeClient({
      hostPost: () => new Promise(() => {}),
      secretDelete: async () => ({}),
    });
    const log = recorder();
    await expect(
      enrollHostWithSecret({ client, ...manifests, timeoutMs: 50, log }),
    ).rejects.toThrow(
      'Creating BareMetalHost ns/h got no answer within 0.05 s; Secret ns/h-bmc-secret was removed again',
    );
    expect(calls).toContain(
      'DELETE /api/v1/namespaces/ns/secrets/h-bmc-secret',
    );
    expect(log.lines.join('\n')).toMatch(
      /Removed Secret ns\/h-bmc-secret again/,
    );
  });

  it('says it could not remove the Secret when the DELETE fails, naming it, never "removed"', async () => {
    const { client } = fakeClient({
      hostPost: async () => {
        throw new KubeApiError(
          403,
          'admission webhook "baremetalhost.metal3.io" denied the request: bad',
          'Forbidden',
        );
      },
      secretDelete: async () => {
        throw new KubeApiError(503, 'etcd unavailable', 'ServiceUnavailable');
      },
    });
    const log = recorder();
    const error = await enrollHostWithSecret({
      client,
      ...manifests,
      log,
    }).catch(e => e);
    expect(error.message).toContain('denied the request: bad');
    expect(error.message).toContain(
      'Could not remove Secret ns/h-bmc-secret (etcd unavailable): delete it by hand',
    );
    expect(log.lines.join('\n')).not.toMatch(/Removed/);
    expect(log.lines.join('\n') + error.message).not.toContain(
      'sentinel-pw-3391',
    );
  });
});
