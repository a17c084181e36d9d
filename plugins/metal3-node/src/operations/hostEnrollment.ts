import { ConflictError, InputError } from '@backstage/errors';
import type { KubeClient } from '../cluster/kube';
import { isAlreadyExists, isNotFound, toCallerError } from './kubeErrors';
import { kubePaths } from './kubePaths';
import { createObject, deleteObject } from './patch';
import {
  isPortalSecret,
  labelAsPortalSecret,
  secretHolds,
} from './portalSecrets';

/** A BMC credentials Secret as the enrollment builds it (values in stringData). */
export interface BmcSecretManifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
  };
  stringData: { username: string; password: string };
  [key: string]: unknown;
}

/** A BareMetalHost manifest (only what the enrollment checks is typed). */
export interface HostManifest {
  metadata: { name: string; namespace: string };
  spec: { bootMACAddress: string; bmc: { credentialsName: string } };
  [key: string]: unknown;
}

export interface EnrollmentLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface Enrollment {
  /** `exists`: a host of that name and boot MAC was there already (a repeat). */
  host: 'created' | 'exists';
  /** `created` by this call, `reused` (ours, same credentials) or `existing` (useExistingSecret). */
  secret: 'created' | 'reused' | 'existing';
}

export interface EnrollOptions {
  client: KubeClient;
  secret: BmcSecretManifest;
  host: HostManifest;
  dryRun?: boolean;
  /** Use a Secret of that name that holds other credentials instead of refusing. */
  useExistingSecret?: boolean;
  /** How long the host's creation may take before the Secret is withdrawn (default 60 s). */
  timeoutMs?: number;
  log: EnrollmentLog;
}

class Timeout extends Error {}

function deadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Timeout(`${what} got no answer within ${ms / 1000} s`)),
      ms,
    );
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * Enrolls one host: its BMC Secret (labelled as the portal's), then its
 * BareMetalHost. Safe to repeat and to race:
 * - a Secret of that name that holds the same credentials is reused (a
 *   double submit makes one Secret); one with other credentials is refused
 *   naming it, unless `useExistingSecret` says to use it as it is;
 * - a host of that name with the same boot MAC counts as enrolled (a double
 *   submit makes one host); another boot MAC is refused naming `name`;
 * - after this call created the Secret, every failure (refused host,
 *   webhook denial, timeout) deletes it again, and the log says "removed"
 *   only when the DELETE succeeded.
 */
export async function enrollHostWithSecret(
  options: EnrollOptions,
): Promise<Enrollment> {
  const { client, host, log, dryRun } = options;
  const { namespace } = host.metadata;
  const secretName = options.secret.metadata.name;
  const secretRef = `Secret ${namespace}/${secretName}`;
  const values = options.secret.stringData;

  let secret: Enrollment['secret'];
  let createdUid: string | undefined;
  try {
    const created = await createObject(
      client,
      kubePaths.secret(namespace),
      labelAsPortalSecret(options.secret),
      { dryRun },
    );
    secret = 'created';
    createdUid = created?.metadata?.uid;
    log.info(`${dryRun ? 'Dry run: validated' : 'Created'} ${secretRef}`);
  } catch (error) {
    if (!isAlreadyExists(error)) throw toCallerError(error);
    const existing = await client.request(
      'GET',
      kubePaths.secret(namespace, secretName),
    );
    if (secretHolds(existing, values)) {
      secret = 'reused';
      log.info(
        `${secretRef} exists with these credentials${
          isPortalSecret(existing) ? '' : ' (not created by the portal)'
        }; using it`,
      );
    } else if (options.useExistingSecret) {
      secret = 'existing';
      log.info(
        `${secretRef} exists with other credentials; using it as it is (useExistingSecret)`,
      );
    } else {
      throw new InputError(
        `credentialsName: ${secretRef} already exists with other credentials; choose another host name, delete that Secret, or set useExistingSecret to use it as it is`,
      );
    }
  }

  /** Leaves nothing half-created: the Secret this call created goes again. */
  const withdrawSecret = async (why: string): Promise<string> => {
    if (secret !== 'created' || dryRun) return '';
    try {
      await deleteObject(client, kubePaths.secret(namespace, secretName), {
        uid: createdUid,
      });
      log.info(`Removed ${secretRef} again: ${why}`);
      return `; ${secretRef} was removed again`;
    } catch (error) {
      if (isNotFound(error)) {
        log.info(`${secretRef} was already gone`);
        return '';
      }
      const message = `Could not remove ${secretRef} (${
        (error as Error).message
      }): delete it by hand`;
      log.warn(message);
      return `; ${message}`;
    }
  };

  const hostPath = kubePaths.bareMetalHost(namespace, host.metadata.name);
  const mac = host.spec.bootMACAddress;
  let created: boolean;
  try {
    await deadline(
      createObject(client, kubePaths.bareMetalHost(namespace), host, {
        dryRun,
      }),
      options.timeoutMs ?? 60_000,
      `Creating BareMetalHost ${namespace}/${host.metadata.name}`,
    );
    created = true;
  } catch (error) {
    if (isAlreadyExists(error) || error instanceof Timeout) {
      // Already there (a repeat or a racing twin), or no answer in time:
      // the stored host says which.
      const existing = await client.request('GET', hostPath).catch(e => {
        if (isNotFound(e)) return undefined;
        throw e;
      });
      if (existing && existing.spec?.bootMACAddress === mac) {
        created = error instanceof Timeout;
      } else {
        const why = existing
          ? `a BareMetalHost named ${host.metadata.name} already exists in ${namespace} with another boot MAC`
          : (error as Error).message;
        const cleanup = await withdrawSecret(why);
        if (existing) throw new InputError(`name: ${why}${cleanup}`);
        throw new ConflictError(`${why}${cleanup}`);
      }
    } else {
      const refused = toCallerError(error);
      const cleanup = await withdrawSecret(
        `the BareMetalHost was refused: ${refused.message}`,
      );
      refused.message = `${refused.message}${cleanup}`;
      throw refused;
    }
  }
  log.info(
    created
      ? `${
          dryRun ? 'Dry run: validated' : 'Created'
        } BareMetalHost ${namespace}/${host.metadata.name}${
          dryRun ? '' : '; Metal3 registers and inspects it next'
        }`
      : `BareMetalHost ${namespace}/${host.metadata.name} already exists as requested`,
  );
  return { host: created ? 'created' : 'exists', secret };
}
