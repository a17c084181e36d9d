import { ConflictError, NotFoundError } from '@backstage/errors';
import { requireClient } from '../cluster/requireClient';
import { withConflictRetry } from './conflictRetry';
import { isNotFound } from './kubeErrors';
import { kubePaths } from './kubePaths';
import { mergePatch } from './patch';
import type { HostTarget, OperationResult } from './types';

/**
 * Operations on one host, always through the Kubernetes objects Metal3 owns:
 * power through `spec.online` and the `reboot.metal3.io` annotation (Ironic
 * owns the BMC and would undo a direct change), inspection and detaching
 * through their annotations.
 *
 * Each decides from a fresh read of the BareMetalHost (not the watch cache)
 * and writes conditionally on the resourceVersion read: of N concurrent
 * identical requests exactly one writes and answers `changed: true`; the
 * others hit 409, re-read, find the host already so and answer
 * `changed: false`.
 */

export type RebootMode = 'soft' | 'hard';

const REBOOT = 'reboot.metal3.io';
const INSPECT = 'inspect.metal3.io';
const DETACHED = 'baremetalhost.metal3.io/detached';

/** What to do given the host as read: nothing (with the answer) or a patch. */
type Decision =
  | { patch?: undefined; result: OperationResult }
  | { patch: Record<string, unknown>; result: OperationResult };

async function updateHost(
  target: HostTarget,
  decide: (host: any) => Decision,
  options: { dryRun?: boolean } = {},
): Promise<OperationResult> {
  const { cache, namespace, name } = target;
  const client = requireClient(cache);
  const path = kubePaths.bareMetalHost(namespace, name);
  return withConflictRetry(`BareMetalHost ${namespace}/${name}`, async () => {
    let host: any;
    try {
      host = await client.request('GET', path);
    } catch (error) {
      if (isNotFound(error)) {
        throw new NotFoundError(
          `No BareMetalHost ${namespace}/${name} in cluster ${cache.config.name}`,
        );
      }
      throw error;
    }
    const decision = decide(host);
    if (!decision.patch) return decision.result;
    await mergePatch(client, path, decision.patch, {
      resourceVersion: host.metadata.resourceVersion,
      dryRun: options.dryRun,
    });
    return decision.result;
  });
}

const annotationsOf = (host: any): Record<string, string> =>
  host?.metadata?.annotations ?? {};

/** Power on or off through `spec.online`. */
export function setOnline(
  target: HostTarget,
  online: boolean,
): Promise<OperationResult> {
  const word = online ? 'online' : 'offline';
  return updateHost(target, host =>
    (host.spec?.online ?? false) === online
      ? {
          result: {
            changed: false,
            message: `${target.name} is already set ${word}`,
          },
        }
      : {
          patch: { spec: { online } },
          result: { changed: true, message: `${target.name} set ${word}` },
        },
  );
}

/**
 * One-shot reboot through the `reboot.metal3.io` annotation. Metal3 only acts
 * on provisioned hosts (other states need `force`, which reboots the ramdisk):
 * refuse clearly rather than write an annotation that does nothing.
 */
export function requestReboot(
  target: HostTarget,
  mode: RebootMode,
): Promise<OperationResult> {
  return updateHost(target, host => {
    const state = host.status?.provisioning?.state;
    if (state !== 'provisioned' && state !== 'externally provisioned') {
      throw new ConflictError(
        `${target.name} is ${
          state || 'not registered'
        }; Metal3 reboots only provisioned hosts`,
      );
    }
    if (REBOOT in annotationsOf(host)) {
      return {
        result: {
          changed: false,
          message: `A reboot of ${target.name} is already pending`,
        },
      };
    }
    return {
      patch: {
        metadata: { annotations: { [REBOOT]: JSON.stringify({ mode }) } },
      },
      result: {
        changed: true,
        message: `${mode === 'hard' ? 'Hard' : 'Soft'} reboot of ${
          target.name
        } requested`,
      },
    };
  });
}

/** Re-inspection through `inspect.metal3.io`; Metal3 honours it on available hosts only. */
export function requestInspection(
  target: HostTarget,
): Promise<OperationResult> {
  return updateHost(target, host => {
    if (INSPECT in annotationsOf(host)) {
      return {
        result: {
          changed: false,
          message: `Inspection of ${target.name} is already requested`,
        },
      };
    }
    const state = host.status?.provisioning?.state;
    if (state !== 'available' && state !== 'ready') {
      throw new ConflictError(
        `${target.name} is ${state}; only available hosts can be re-inspected`,
      );
    }
    return {
      patch: { metadata: { annotations: { [INSPECT]: '' } } },
      result: {
        changed: true,
        message: `Re-inspection of ${target.name} requested`,
      },
    };
  });
}

/** Detach (Ironic forgets the node, nothing is deprovisioned) or re-attach. */
export function setDetached(
  target: HostTarget,
  detached: boolean,
  options: { dryRun?: boolean } = {},
): Promise<OperationResult> {
  return updateHost(
    target,
    host =>
      DETACHED in annotationsOf(host) === detached
        ? {
            result: {
              changed: false,
              message: `${target.name} is already ${
                detached ? 'detached' : 'attached'
              }`,
            },
          }
        : {
            patch: {
              metadata: { annotations: { [DETACHED]: detached ? '' : null } },
            },
            result: {
              changed: true,
              message: `${target.name} ${
                detached ? 'detached' : 're-attached'
              }`,
            },
          },
    options,
  );
}
