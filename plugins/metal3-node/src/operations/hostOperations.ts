import { ConflictError, NotFoundError } from '@backstage/errors';
import type { ClusterCache } from '../cluster/ClusterCache';
import { KubeApiError, KubeClient } from '../cluster/kube';
import { requireClient } from '../cluster/requireClient';
import type { BareMetalHostProjection } from '../cluster/projections';
import { linkHost } from '../fleet';

/**
 * Operations on one host, always through the Kubernetes objects Metal3 owns:
 * power through `spec.online` and the `reboot.metal3.io` annotation (Ironic
 * owns the BMC and would undo a direct change), leaving a pool through the
 * delete-machine annotation and a scale-down (never by deleting the Machine or
 * the host). Each is idempotent: repeating it changes nothing more.
 */

export type RebootMode = 'soft' | 'hard';

/** The field manager of every write, visible in `managedFields`. */
export const FIELD_MANAGER = 'backstage-metal3';

const MERGE_PATCH = 'application/merge-patch+json';

export interface OperationResult {
  /** False when the host already was in the requested state. */
  changed: boolean;
  message: string;
}

export interface HostTarget {
  cache: ClusterCache;
  namespace: string;
  name: string;
}

function requireHost({
  cache,
  namespace,
  name,
}: HostTarget): BareMetalHostProjection {
  const host = cache.get('baremetalhosts', `${namespace}/${name}`);
  if (!host) {
    throw new NotFoundError(
      `No BareMetalHost ${namespace}/${name} in cluster ${cache.config.name}`,
    );
  }
  return host;
}

const hostPath = (namespace: string, name: string) =>
  `/apis/metal3.io/v1alpha1/namespaces/${namespace}/baremetalhosts/${name}`;

async function patchHost(target: HostTarget, patch: object): Promise<void> {
  await requireClient(target.cache).request(
    'PATCH',
    hostPath(target.namespace, target.name),
    {
      body: patch,
      contentType: MERGE_PATCH,
      query: { fieldManager: FIELD_MANAGER },
    },
  );
}

/** Power on or off through `spec.online`. */
export async function setOnline(
  target: HostTarget,
  online: boolean,
): Promise<OperationResult> {
  const host = requireHost(target);
  if (host.online === online) {
    return {
      changed: false,
      message: `${target.name} is already set ${online ? 'online' : 'offline'}`,
    };
  }
  await patchHost(target, { spec: { online } });
  return {
    changed: true,
    message: `${target.name} set ${online ? 'online' : 'offline'}`,
  };
}

/**
 * One-shot reboot through the `reboot.metal3.io` annotation. Metal3 only acts
 * on provisioned hosts (other states need `force`, which reboots the ramdisk):
 * refuse clearly rather than write an annotation that does nothing.
 */
export async function requestReboot(
  target: HostTarget,
  mode: RebootMode,
): Promise<OperationResult> {
  const host = requireHost(target);
  const state = host.provisioningState;
  if (state !== 'provisioned' && state !== 'externally provisioned') {
    throw new ConflictError(
      `${target.name} is ${
        state || 'not registered'
      }; Metal3 reboots only provisioned hosts`,
    );
  }
  if ('reboot.metal3.io' in host.annotations) {
    return {
      changed: false,
      message: `A reboot of ${target.name} is already pending`,
    };
  }
  await patchHost(target, {
    metadata: { annotations: { 'reboot.metal3.io': JSON.stringify({ mode }) } },
  });
  return {
    changed: true,
    message: `${mode === 'hard' ? 'Hard' : 'Soft'} reboot of ${
      target.name
    } requested`,
  };
}

/** Re-inspection through `inspect.metal3.io`; Metal3 honours it on available hosts only. */
export async function requestInspection(
  target: HostTarget,
): Promise<OperationResult> {
  const host = requireHost(target);
  if (
    host.provisioningState !== 'available' &&
    host.provisioningState !== 'ready'
  ) {
    throw new ConflictError(
      `${target.name} is ${host.provisioningState}; only available hosts can be re-inspected`,
    );
  }
  if (host.annotations['inspect.metal3.io'] === '') {
    return {
      changed: false,
      message: `Inspection of ${target.name} is already requested`,
    };
  }
  await patchHost(target, {
    metadata: { annotations: { 'inspect.metal3.io': '' } },
  });
  return {
    changed: true,
    message: `Re-inspection of ${target.name} requested`,
  };
}

/** Detach (Ironic forgets the node, nothing is deprovisioned) or re-attach. */
export async function setDetached(
  target: HostTarget,
  detached: boolean,
): Promise<OperationResult> {
  const host = requireHost(target);
  const isDetached = 'baremetalhost.metal3.io/detached' in host.annotations;
  if (isDetached === detached) {
    return {
      changed: false,
      message: `${target.name} is already ${
        detached ? 'detached' : 'attached'
      }`,
    };
  }
  await patchHost(target, {
    metadata: {
      annotations: { 'baremetalhost.metal3.io/detached': detached ? '' : null },
    },
  });
  return {
    changed: true,
    message: `${target.name} ${detached ? 'detached' : 're-attached'}`,
  };
}

/**
 * Removes this exact host from its pool: marks its Machine with
 * `cluster.x-k8s.io/delete-machine` (the MachineSet deletes marked machines
 * first) and scales the MachineDeployment down by one, with optimistic
 * concurrency retried on 409.
 */
export async function removeFromPool(
  target: HostTarget,
): Promise<OperationResult> {
  const host = requireHost(target);
  const { cache } = target;
  const { machine, pool } = linkHost(cache, host);
  if (!machine || !pool) {
    throw new ConflictError(`${target.name} is not a member of a worker pool`);
  }
  if (machine.markedForDeletion || machine.deleting) {
    return {
      changed: false,
      message: `${target.name} is already leaving pool ${pool.name}`,
    };
  }
  const client = requireClient(cache);
  const capi = cache.capiVersion ?? 'v1beta2';
  const ns = machine.namespace;
  await client.request(
    'PATCH',
    `/apis/cluster.x-k8s.io/${capi}/namespaces/${ns}/machines/${machine.name}`,
    {
      body: {
        metadata: { annotations: { 'cluster.x-k8s.io/delete-machine': 'yes' } },
      },
      contentType: MERGE_PATCH,
      query: { fieldManager: FIELD_MANAGER },
    },
  );
  const replicas = await scaleBy(
    client,
    `/apis/cluster.x-k8s.io/${capi}/namespaces/${ns}/machinedeployments/${pool.name}`,
    -1,
  );
  return {
    changed: true,
    message: `${target.name} marked for removal; pool ${pool.name} scaled to ${replicas}`,
  };
}

/** Changes `spec.replicas` by `delta`, re-reading and retrying on conflicts. */
export async function scaleBy(
  client: KubeClient,
  path: string,
  delta: number,
  attempts = 5,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const current = await client.request('GET', path);
    const replicas = Math.max(0, (current?.spec?.replicas ?? 1) + delta);
    try {
      await client.request('PATCH', path, {
        body: {
          metadata: { resourceVersion: current.metadata.resourceVersion },
          spec: { replicas },
        },
        contentType: MERGE_PATCH,
        query: { fieldManager: FIELD_MANAGER },
      });
      return replicas;
    } catch (error) {
      if (
        !(error instanceof KubeApiError && error.statusCode === 409) ||
        attempt >= attempts
      ) {
        throw error;
      }
    }
  }
}
