import { ConflictError, NotFoundError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import type { KubeClient } from '../cluster/kube';
import { requireClient } from '../cluster/requireClient';
import { withConflictRetry } from './conflictRetry';
import { isLostAnswer, isNotFound } from './kubeErrors';
import { CapiVersion, capiVersionOf, kubePaths } from './kubePaths';
import { mergePatch } from './patch';
import { changeReplicas, ReplicaChange } from './replicas';
import type { HostTarget, OperationResult } from './types';

/** CAPI's MachineSet deletes Machines with this annotation first (any value). */
export const DELETE_MACHINE_ANNOTATION = 'cluster.x-k8s.io/delete-machine';
/** CAPI's label of everything of one MachineDeployment. */
export const DEPLOYMENT_NAME_LABEL = 'cluster.x-k8s.io/deployment-name';

export interface PoolRemoval extends OperationResult {
  pool?: string;
  machine?: string;
  replicas?: ReplicaChange;
}

/** The host's Machine and pool, read live (never from the watch cache). */
interface Membership {
  machinePath: string;
  machine?: any;
  machineName: string;
  pool?: string;
}

const notInPool = (name: string, why: string) =>
  new ConflictError(`${name} is not a member of a worker pool (${why})`);

async function getOrUndefined(client: KubeClient, path: string) {
  try {
    return await client.request('GET', path);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * BareMetalHost.consumerRef → Metal3Machine → its owner Machine → the
 * MachineDeployment label, each object read fresh: a decision to shrink a
 * pool must not rest on a watch event that may be seconds old.
 */
async function readMembership(
  client: KubeClient,
  v: CapiVersion,
  namespace: string,
  name: string,
  cluster: string,
): Promise<Membership | 'leaving'> {
  const host = await getOrUndefined(
    client,
    kubePaths.bareMetalHost(namespace, name),
  );
  if (!host) {
    throw new NotFoundError(
      `No BareMetalHost ${namespace}/${name} in cluster ${cluster}`,
    );
  }
  const ref = host.spec?.consumerRef;
  if (!ref || ref.kind !== 'Metal3Machine') {
    throw notInPool(name, 'no Metal3Machine consumes it');
  }
  const ns = ref.namespace ?? namespace;
  const m3m = await getOrUndefined(
    client,
    kubePaths.metal3Machine(v, ns, ref.name),
  );
  // Its Metal3Machine is gone: CAPM3 is releasing the host already.
  if (!m3m || m3m.metadata?.deletionTimestamp) return 'leaving';
  const owner = (m3m.metadata?.ownerReferences ?? []).find(
    (o: any) => o.kind === 'Machine',
  );
  if (!owner) throw notInPool(name, `Metal3Machine ${ref.name} has no Machine`);
  const machinePath = kubePaths.machine(v, ns, owner.name);
  const machine = await getOrUndefined(client, machinePath);
  if (!machine) return 'leaving';
  return {
    machinePath,
    machine,
    machineName: owner.name,
    pool: machine.metadata?.labels?.[DEPLOYMENT_NAME_LABEL],
  };
}

const isLeaving = (machine: any) =>
  !machine ||
  Boolean(machine.metadata?.deletionTimestamp) ||
  DELETE_MACHINE_ANNOTATION in (machine.metadata?.annotations ?? {});

/**
 * Takes this exact host out of its pool, exactly once however often it is
 * asked at the same time. The Machine's delete-machine annotation is the
 * claim: written conditionally on the Machine's resourceVersion with a value
 * unique to this request, so of N concurrent requests one claims and the
 * others see the annotation and answer "already leaving" (changed: false).
 * Only the claimer shrinks the pool by one, through the topology when a
 * ClusterClass owns it, recording the Machine's uid in the same conditional
 * write so that a repeat after a lost answer never shrinks it twice. If the
 * shrink fails, the claim is withdrawn again, unless the shrink may have
 * landed: then the marked Machine stays (safe: the next scale-down takes
 * exactly it) and the error says so.
 */
export async function removeFromPool(
  target: HostTarget,
  options: { dryRun?: boolean } = {},
): Promise<PoolRemoval> {
  const { cache, namespace, name } = target;
  const { dryRun } = options;
  const client = requireClient(cache);
  const v = capiVersionOf(cache);
  const cluster = cache.config.name;
  const membership = await readMembership(client, v, namespace, name, cluster);
  if (membership === 'leaving') {
    return { changed: false, message: `${name} is already leaving its pool` };
  }
  const { machinePath, machineName, pool } = membership;
  if (!pool) {
    throw notInPool(
      name,
      `Machine ${machineName} belongs to no MachineDeployment`,
    );
  }
  const leaving = {
    changed: false,
    message: `${name} is already leaving pool ${pool}`,
    pool,
    machine: machineName,
  };

  const claim = `backstage-metal3/${randomUUID()}`;
  let machine = membership.machine;
  const outcome = await withConflictRetry(
    `Machine ${namespace}/${machineName}`,
    async n => {
      if (n > 1) machine = await getOrUndefined(client, machinePath);
      if (isLeaving(machine)) return 'leaving' as const;
      try {
        await mergePatch(
          client,
          machinePath,
          { metadata: { annotations: { [DELETE_MACHINE_ANNOTATION]: claim } } },
          { resourceVersion: machine.metadata.resourceVersion, dryRun },
        );
      } catch (error) {
        if (!isLostAnswer(error) || dryRun) throw error;
        // No answer: ours if the annotation carries our value.
        const now = await getOrUndefined(client, machinePath);
        if (now?.metadata?.annotations?.[DELETE_MACHINE_ANNOTATION] !== claim)
          throw error;
      }
      return 'claimed' as const;
    },
  );
  if (outcome === 'leaving') return leaving;

  let replicas: ReplicaChange;
  try {
    replicas = await changeReplicas({
      client,
      capiVersion: v,
      namespace,
      pool,
      request: { by: -1 },
      key: machine.metadata.uid,
      dryRun,
    });
  } catch (error) {
    if (dryRun) throw error;
    throw await withdrawClaim(client, machinePath, claim, error as Error);
  }
  const via =
    replicas.via === 'topology' ? ' through its Cluster topology' : '';
  const message = replicas.alreadyRecorded
    ? `${name} marked for removal; pool ${pool} was already scaled down for its Machine ${machineName}`
    : `${
        dryRun ? 'Dry run: would mark' : 'Marked'
      } ${name} for removal; pool ${pool} ${
        dryRun ? 'would scale' : 'scaled'
      } from ${replicas.from} to ${replicas.to}${via}`;
  return { changed: true, message, pool, machine: machineName, replicas };
}

/**
 * After a failed shrink: removes our claim so the pool is as before. Only
 * when the claim is still ours and the shrink did not land; otherwise the
 * Machine stays marked and the error tells what to do.
 */
async function withdrawClaim(
  client: KubeClient,
  machinePath: string,
  claim: string,
  cause: Error,
): Promise<Error> {
  const name = machinePath.split('/').pop();
  const keep = (why: string) =>
    new ConflictError(
      `${cause.message}. Machine ${name} stays marked for deletion (${why}): the pool's next scale-down removes it; remove the ${DELETE_MACHINE_ANNOTATION} annotation to keep it`,
    );
  if (isLostAnswer(cause)) return keep('the scale-down may have landed');
  try {
    await withConflictRetry(`Machine ${name}`, async () => {
      const machine = await getOrUndefined(client, machinePath);
      const annotations = machine?.metadata?.annotations ?? {};
      if (annotations[DELETE_MACHINE_ANNOTATION] !== claim) return;
      await mergePatch(
        client,
        machinePath,
        { metadata: { annotations: { [DELETE_MACHINE_ANNOTATION]: null } } },
        { resourceVersion: machine.metadata.resourceVersion },
      );
    });
    return cause;
  } catch (error) {
    return keep(`withdrawing the mark failed: ${(error as Error).message}`);
  }
}
