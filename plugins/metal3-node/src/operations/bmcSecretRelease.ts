import type { KubeClient } from '../cluster/kube';
import { isNotFound } from './kubeErrors';
import { kubePaths } from './kubePaths';
import { deleteObject } from './patch';
import {
  isPortalSecret,
  MANAGED_BY_LABEL,
  MANAGED_BY_PORTAL,
} from './portalSecrets';

/** What became of a decommissioned host's BMC Secret, and why. */
export interface SecretRelease {
  namespace: string;
  name: string;
  deleted: boolean;
  reason: string;
}

/**
 * Deletes the BMC Secret of a host that is gone, unless it must stay:
 * another BareMetalHost still references it (read live: every host of the
 * namespace, since a host can only use a Secret of its own namespace; said
 * first, as the more useful reason), or the portal did not create it (no
 * managed-by label: it belongs to whoever did). The delete is conditional on the uid read, so a Secret re-created
 * under the same name meanwhile is not touched.
 */
export async function releaseBmcSecret(
  client: KubeClient,
  options: {
    namespace: string;
    name: string;
    /** The host being decommissioned: its own reference does not count. */
    host: string;
    dryRun?: boolean;
  },
): Promise<SecretRelease> {
  const { namespace, name, host, dryRun } = options;
  const kept = (reason: string): SecretRelease => ({
    namespace,
    name,
    deleted: false,
    reason,
  });
  let secret: any;
  try {
    secret = await client.request('GET', kubePaths.secret(namespace, name));
  } catch (error) {
    if (isNotFound(error)) return kept('it no longer exists');
    throw error;
  }
  const hosts: any[] =
    (await client.request('GET', kubePaths.bareMetalHost(namespace)))?.items ??
    [];
  const users = hosts
    .filter(
      h => h.metadata?.name !== host && h.spec?.bmc?.credentialsName === name,
    )
    .map(h => `${namespace}/${h.metadata.name}`);
  if (users.length > 0) {
    return kept(`BareMetalHost ${users.join(', ')} still uses it`);
  }
  if (!isPortalSecret(secret)) {
    return kept(
      `the portal did not create it (no ${MANAGED_BY_LABEL}=${MANAGED_BY_PORTAL} label)`,
    );
  }
  try {
    await deleteObject(client, kubePaths.secret(namespace, name), {
      uid: secret.metadata.uid,
      dryRun,
    });
  } catch (error) {
    if (isNotFound(error)) return kept('it no longer exists');
    throw error;
  }
  return {
    namespace,
    name,
    deleted: true,
    reason: 'no other BareMetalHost uses it and the portal created it',
  };
}
