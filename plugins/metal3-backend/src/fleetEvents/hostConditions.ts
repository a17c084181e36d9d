import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  describeHost,
  detectStuck,
  metal3EntityName,
  OwnerResolver,
} from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  hostStatusInput,
} from '@metal3-fleet/plugin-metal3-node';
import { conditionKey, FleetCondition } from './types';

/** The catalog entity ref of a host or pool (the catalog module's naming). */
export function subjectEntityRef(
  cluster: string,
  namespace: string,
  name: string,
): string {
  return stringifyEntityRef({
    kind: 'resource',
    namespace: 'default',
    name: metal3EntityName(cluster, namespace, name),
  });
}

/**
 * The conditions one host is in: an error (the status model's `error`
 * code), or stuck in a transient state past its limit (`detectStuck`). A
 * host in error is not also reported stuck: it sits in the state it failed
 * in, and the error is what its owner needs to read. Pure: same input, same
 * output.
 */
export function hostConditions(
  cluster: string,
  host: BareMetalHostProjection,
  options: {
    now: Date;
    /** Per-state limits in seconds (`metal3.fleetEvents.stuckSeconds`). */
    stuckSeconds: Record<string, number>;
    ownerOf: OwnerResolver;
  },
): FleetCondition[] {
  const namespace = host.namespace ?? '';
  const base = {
    subject: { type: 'host' as const, cluster, namespace, name: host.name },
    entityRef: subjectEntityRef(cluster, namespace, host.name),
    owners: [options.ownerOf(host.labels, host.annotations)],
  };
  const status = describeHost(hostStatusInput(host));
  if (status.error) {
    return [
      {
        ...base,
        key: conditionKey('hostError', cluster, namespace, host.name),
        kind: 'hostError',
        label: status.label,
        message: status.error.message || status.error.help,
        fix: status.error.fix,
        reason: status.error.type,
      },
    ];
  }
  const stuck = detectStuck(
    host.provisioningState,
    host.operationHistory,
    options.now,
    options.stuckSeconds,
  );
  if (stuck.stuck) {
    return [
      {
        ...base,
        key: conditionKey('hostStuck', cluster, namespace, host.name),
        kind: 'hostStuck',
        label: `stuck ${host.provisioningState}`,
        message: stuck.message ?? '',
        reason: host.provisioningState ?? 'unknown',
      },
    ];
  }
  return [];
}

/**
 * Whether a host's conditions can change with time alone (it sits in a
 * state whose operation has started and not ended): only those hosts are
 * looked at again by the detector's timer.
 */
export function mayBecomeStuck(
  host: BareMetalHostProjection,
  stuckSeconds: Record<string, number>,
): boolean {
  return (
    host.provisioningState !== undefined &&
    stuckSeconds[host.provisioningState] !== undefined
  );
}
