import { InputError } from '@backstage/errors';
import { KubeClient } from '@metal3-fleet/plugin-metal3-node';
import { fieldError, isStatus } from './kubeErrors';
import { paths } from './paths';

type Manifest = { metadata: { name: string; namespace: string }; spec?: any };

/**
 * Creates one host's BMC Secret, then its BareMetalHost. Idempotent: an
 * existing Secret is reused, an existing host with the same boot MAC counts
 * as done ('exists'). If the host is refused, the Secret this call created is
 * removed again, so nothing is left half-created.
 */
export async function createHostWithSecret(
  client: KubeClient,
  secret: Manifest,
  host: Manifest,
  query: Record<string, string>,
): Promise<'created' | 'exists'> {
  const { namespace, name } = host.metadata;
  let secretCreated = false;
  try {
    await client.request('POST', paths.secrets(namespace), {
      body: secret,
      query,
    });
    secretCreated = true;
  } catch (error) {
    if (!isStatus(error, 409)) throw fieldError(error);
  }
  try {
    await client.request('POST', paths.hosts(namespace), { body: host, query });
    return 'created';
  } catch (error) {
    if (isStatus(error, 409)) {
      const existing = await client.request(
        'GET',
        paths.hosts(namespace, name),
      );
      if (existing?.spec?.bootMACAddress === host.spec?.bootMACAddress)
        return 'exists';
      throw new InputError(
        `name: a BareMetalHost named ${name} already exists in ${namespace} with another boot MAC`,
      );
    }
    if (secretCreated && !query.dryRun) {
      await client
        .request('DELETE', paths.secrets(namespace, secret.metadata.name))
        .catch(() => {});
    }
    throw fieldError(error);
  }
}
