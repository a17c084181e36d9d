import { ConflictError, InputError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import type { KubeClient } from '../cluster/kube';
import { releaseBmcSecret, SecretRelease } from './bmcSecretRelease';
import type { BmcSecretManifest } from './hostEnrollment';
import { isConflict, isNotFound, toCallerError } from './kubeErrors';
import { kubePaths } from './kubePaths';
import { createObject, deleteObject, mergePatch } from './patch';
import { labelAsPortalSecret, secretHolds } from './portalSecrets';

/**
 * The claim of a rotation on its BareMetalHost: who rotates, since when,
 * and both Secrets, so a rotation left behind by a stopped backend can be
 * read (and is taken over after `timeoutMs` twice).
 *
 * @public
 */
export const ROTATION_ANNOTATION = 'metal3.backstage.io/credentials-rotation';

/** @public */
export interface RotationLog {
  info(message: string): void;
  warn(message: string): void;
}

/** @public */
export interface RotationOptions {
  client: KubeClient;
  namespace: string;
  host: string;
  /** The new credentials; the username defaults to the current Secret's. */
  username?: string;
  password: string;
  /** How long the host may take to register with the new Secret (default 10 min). */
  timeoutMs?: number;
  /** Pause between reads of the host while waiting (default 1 s). */
  pollMs?: number;
  log: RotationLog;
  /** For tests: when "now" is. */
  now?: () => number;
}

/** @public */
export interface RotationResult {
  /** False when the host's Secret already held these credentials (a repeat): nothing was written. */
  changed: boolean;
  /** The Secret the host uses now. */
  secret: string;
  /** The Secret it used before, and whether it was deleted (and why not). */
  previous?: SecretRelease;
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

interface Claim {
  id: string;
  at: string;
  from: string;
  to: string;
}

/**
 * Rotates a host's BMC credentials without leaving a half:
 *
 * 1. a fresh read of the host; if its Secret already holds these
 *    credentials, nothing to do (a double submit, a retried task);
 * 2. the claim: an annotation naming this request, written conditionally on
 *    the host's resourceVersion; a rotation already claimed is waited for,
 *    then step 1 again;
 * 3. a new Secret, labelled as the portal's;
 * 4. `spec.bmc.credentialsName` switched to it, conditionally;
 * 5. BMO registers the host again (it does so when the Secret changes):
 *    success is `status.goodCredentials` naming the new Secret at its
 *    resourceVersion; a registration error written after the switch, or no
 *    answer within `timeoutMs`, is failure;
 * 6. success: the old Secret goes through `releaseBmcSecret` (kept when
 *    another host uses it or the portal did not create it); failure: the
 *    host is switched back and the new Secret deleted. The claim is removed
 *    in both cases, and the log says what was done.
 *
 * The password is never logged, audited or put in an error.
 *
 * @public
 */
export async function rotateBmcCredentials(
  options: RotationOptions,
): Promise<RotationResult> {
  const { client, namespace, host, log } = options;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const pollMs = options.pollMs ?? 1000;
  const hostPath = kubePaths.bareMetalHost(namespace, host);
  const id = randomBytes(4).toString('hex');

  // 1 + 2: read, compare, claim (conditional); wait for another claim.
  let claimed: { object: any; claim: Claim; username: string } | undefined;
  const waitUntil = now() + timeoutMs * 2;
  while (!claimed) {
    const current = await readHost(client, hostPath, namespace, host);
    const from: string | undefined = current.spec?.bmc?.credentialsName;
    if (!from) {
      throw new InputError(
        `host: BareMetalHost ${namespace}/${host} has no spec.bmc.credentialsName`,
      );
    }
    const oldSecret = await readSecret(client, namespace, from);
    const username =
      options.username ?? decode(oldSecret, 'username') ?? undefined;
    if (!username) {
      throw new InputError(
        `username: Secret ${namespace}/${from} has no username; give one`,
      );
    }
    const other = parseClaim(
      current.metadata?.annotations?.[ROTATION_ANNOTATION],
    );
    if (
      !other &&
      oldSecret &&
      secretHolds(oldSecret, { username, password: options.password })
    ) {
      log.info(
        `BareMetalHost ${namespace}/${host} already uses Secret ${from} with these credentials: nothing to rotate`,
      );
      return { changed: false, secret: from };
    }
    const abandoned =
      other && now() - Date.parse(other.at) > timeoutMs * 2 + 60_000;
    if (other && !abandoned) {
      if (now() > waitUntil) {
        throw new ConflictError(
          `host: a credentials rotation of ${namespace}/${host} (${other.id}, since ${other.at}) is still running`,
        );
      }
      log.info(
        `Another credentials rotation of ${namespace}/${host} is running (since ${other.at}); waiting for it`,
      );
      await pause(pollMs);
      continue;
    }
    if (abandoned) {
      log.warn(
        `Taking over the rotation ${
          other!.id
        } of ${namespace}/${host}, abandoned since ${other!.at} (Secrets ${
          other!.from
        } → ${other!.to}; check that ${other!.to} is not left behind)`,
      );
    }
    const claim: Claim = {
      id,
      at: new Date(now()).toISOString(),
      from,
      to: newSecretName(host, id),
    };
    try {
      const object = await mergePatch(
        client,
        hostPath,
        {
          metadata: {
            annotations: { [ROTATION_ANNOTATION]: JSON.stringify(claim) },
          },
        },
        { resourceVersion: current.metadata.resourceVersion },
      );
      claimed = { object, claim, username };
    } catch (error) {
      if (!isConflict(error)) throw toCallerError(error);
      // Someone wrote the host meanwhile: read it again and decide again.
    }
  }

  const { claim } = claimed;
  const release = () => releaseClaim(client, hostPath, claim.id, log);
  // 3: the new Secret.
  let created: any;
  try {
    created = await createObject(
      client,
      kubePaths.secret(namespace),
      labelAsPortalSecret<BmcSecretManifest>({
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'Opaque',
        metadata: { name: claim.to, namespace },
        stringData: { username: claimed.username, password: options.password },
      }),
    );
    log.info(`Created Secret ${namespace}/${claim.to}`);
  } catch (error) {
    await release();
    throw toCallerError(error);
  }
  const removeNewSecret = async () => {
    try {
      await deleteObject(client, kubePaths.secret(namespace, claim.to), {
        uid: created?.metadata?.uid,
      });
      log.info(`Removed Secret ${namespace}/${claim.to} again`);
    } catch (error) {
      if (isNotFound(error)) return;
      log.warn(
        `Could not remove Secret ${namespace}/${claim.to} (${
          (error as Error).message
        }): delete it by hand`,
      );
    }
  };

  // 4: the switch, conditional on the host as claimed.
  let switched: any;
  try {
    switched = await mergePatch(
      client,
      hostPath,
      { spec: { bmc: { credentialsName: claim.to } } },
      { resourceVersion: claimed.object.metadata.resourceVersion },
    );
    log.info(
      `BareMetalHost ${namespace}/${host} now uses Secret ${claim.to} (was ${claim.from}); waiting for Metal3 to register it again`,
    );
  } catch (error) {
    await removeNewSecret();
    await release();
    const reported = toCallerError(error);
    if (isConflict(error)) {
      reported.message = `BareMetalHost ${namespace}/${host} changed while its credentials were being rotated; nothing was changed, try again`;
    }
    throw reported;
  }

  // 5: wait for BMO.
  const outcome = await waitForRegistration({
    client,
    hostPath,
    secret: claim.to,
    secretVersion: created?.metadata?.resourceVersion,
    lastUpdatedAtSwitch: switched?.status?.lastUpdated,
    timeoutMs,
    pollMs,
    now,
  });

  if (outcome.ok) {
    log.info(`Metal3 registered ${namespace}/${host} with Secret ${claim.to}`);
    // 6: the old Secret, only now.
    const previous = await releaseBmcSecret(client, {
      namespace,
      name: claim.from,
      host,
    });
    log.info(
      previous.deleted
        ? `Deleted the previous Secret ${namespace}/${claim.from}: ${previous.reason}`
        : `Kept the previous Secret ${namespace}/${claim.from}: ${previous.reason}`,
    );
    await release();
    return { changed: true, secret: claim.to, previous };
  }

  // 6, failure: back to the old Secret, the new one goes.
  log.warn(
    `Registration with Secret ${claim.to} failed: ${outcome.reason}; switching ${namespace}/${host} back to ${claim.from}`,
  );
  const back = await switchBack(client, hostPath, claim, log);
  await removeNewSecret();
  await release();
  throw new InputError(
    `password: Metal3 could not register ${namespace}/${host} with the new credentials (${
      outcome.reason
    }); ${
      back
        ? `the host uses Secret ${claim.from} again and Secret ${claim.to} was removed`
        : `switching the host back to Secret ${claim.from} failed: set spec.bmc.credentialsName to ${claim.from} by hand`
    }`,
  );
}

function newSecretName(host: string, id: string): string {
  // Kubernetes names are at most 253 characters; the id keeps them apart.
  return `${host.slice(0, 200)}-bmc-${id}`;
}

function parseClaim(value: string | undefined): Claim | undefined {
  if (!value) return undefined;
  try {
    const claim = JSON.parse(value);
    return typeof claim?.id === 'string' && typeof claim?.at === 'string'
      ? claim
      : undefined;
  } catch {
    return undefined;
  }
}

async function readHost(
  client: KubeClient,
  path: string,
  namespace: string,
  host: string,
): Promise<any> {
  try {
    return await client.request('GET', path);
  } catch (error) {
    if (isNotFound(error)) {
      throw new InputError(`host: no BareMetalHost ${namespace}/${host}`);
    }
    throw toCallerError(error);
  }
}

async function readSecret(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<any | undefined> {
  try {
    return await client.request('GET', kubePaths.secret(namespace, name));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw toCallerError(error);
  }
}

function decode(secret: any, key: string): string | undefined {
  const encoded = secret?.data?.[key];
  return encoded
    ? Buffer.from(encoded, 'base64').toString('utf8')
    : secret?.stringData?.[key];
}

/**
 * Polls the host until BMO has registered it with `secret` (goodCredentials
 * names it at its resourceVersion, as BMO's GoodCredentials.Match) or
 * reports a registration error written after the switch.
 */
async function waitForRegistration(options: {
  client: KubeClient;
  hostPath: string;
  secret: string;
  secretVersion?: string;
  lastUpdatedAtSwitch?: string;
  timeoutMs: number;
  pollMs: number;
  now: () => number;
}): Promise<{ ok: true } | { ok: false; reason: string }> {
  const end = options.now() + options.timeoutMs;
  const before = options.lastUpdatedAtSwitch
    ? Date.parse(options.lastUpdatedAtSwitch)
    : 0;
  for (;;) {
    const host: any = await options.client
      .request('GET', options.hostPath)
      .catch(() => undefined);
    const status = host?.status ?? {};
    const good = status.goodCredentials;
    if (
      good?.credentials?.name === options.secret &&
      (!options.secretVersion ||
        good.credentialsVersion === options.secretVersion) &&
      status.errorType !== 'registration error'
    ) {
      return { ok: true };
    }
    const updated = status.lastUpdated ? Date.parse(status.lastUpdated) : 0;
    if (status.errorType === 'registration error' && updated > before) {
      return {
        ok: false,
        reason: status.errorMessage || 'registration error',
      };
    }
    if (options.now() > end) {
      return {
        ok: false,
        reason: `Metal3 did not register the host within ${Math.round(
          options.timeoutMs / 1000,
        )} s`,
      };
    }
    await pause(options.pollMs);
  }
}

/** Back to the old Secret, unless someone else changed the host's Secret meanwhile. */
async function switchBack(
  client: KubeClient,
  hostPath: string,
  claim: Claim,
  log: RotationLog,
): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const host: any = await client.request('GET', hostPath);
    if (host.spec?.bmc?.credentialsName !== claim.to) {
      log.warn(
        `The host no longer uses Secret ${claim.to} (now ${host.spec?.bmc?.credentialsName}); not switched back`,
      );
      return host.spec?.bmc?.credentialsName === claim.from;
    }
    try {
      await mergePatch(
        client,
        hostPath,
        { spec: { bmc: { credentialsName: claim.from } } },
        { resourceVersion: host.metadata.resourceVersion },
      );
      log.info(`Switched the host back to Secret ${claim.from}`);
      return true;
    } catch (error) {
      if (!isConflict(error)) {
        log.warn(
          `Could not switch the host back to Secret ${claim.from}: ${
            (error as Error).message
          }`,
        );
        return false;
      }
    }
  }
  return false;
}

/** Removes this request's claim (only its own: another id is left alone). */
async function releaseClaim(
  client: KubeClient,
  hostPath: string,
  id: string,
  log: RotationLog,
): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const host: any = await client.request('GET', hostPath);
      const claim = parseClaim(
        host.metadata?.annotations?.[ROTATION_ANNOTATION],
      );
      if (claim?.id !== id) return;
      await mergePatch(
        client,
        hostPath,
        { metadata: { annotations: { [ROTATION_ANNOTATION]: null } } },
        { resourceVersion: host.metadata.resourceVersion },
      );
      return;
    } catch (error) {
      if (isConflict(error)) continue;
      log.warn(
        `Could not remove the annotation ${ROTATION_ANNOTATION} from the host (${
          (error as Error).message
        }); the next rotation takes it over after its timeout`,
      );
      return;
    }
  }
}
