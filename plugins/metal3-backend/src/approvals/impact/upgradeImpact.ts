import {
  ApprovalImpactDto,
  ApprovalParametersDto,
} from '@metal3-fleet/plugin-metal3-common';
import {
  FleetLookup,
  MachineDeploymentProjection,
  poolTemplate,
} from '@metal3-fleet/plugin-metal3-node';
import { poolMachineViews } from './scaleDownImpact';

const text = (value: number | string | undefined) =>
  value === undefined ? undefined : String(value);

/**
 * What rolling `pool` to a new image and/or Kubernetes version does: Cluster
 * API replaces every machine of the pool (a new Metal3MachineTemplate is a
 * new MachineSet), as many at a time as maxSurge and maxUnavailable allow.
 */
export function upgradeImpact(
  cache: FleetLookup,
  pool: MachineDeploymentProjection,
  parameters: ApprovalParametersDto,
): ApprovalImpactDto {
  const template = poolTemplate(cache, pool);
  const machines = poolMachineViews(cache, pool).filter(m => !m.deleting);
  const toImage = parameters.imageUrl ?? template?.imageUrl;
  const toVersion = parameters.kubernetesVersion ?? pool.version;
  const warnings: string[] = [];
  const unchanged =
    toImage === template?.imageUrl && toVersion === pool.version;
  if (unchanged) {
    warnings.push(
      'The pool already runs that image and version: the upgrade would change nothing',
    );
  }
  const changes = [
    toImage !== template?.imageUrl &&
      `image ${template?.imageUrl ?? '(none)'} → ${toImage}`,
    toVersion !== pool.version &&
      `Kubernetes ${pool.version ?? '(none)'} → ${toVersion}`,
  ].filter(Boolean);
  const surge = text(pool.maxSurge);
  const unavailable = text(pool.maxUnavailable);
  const pace =
    surge !== undefined || unavailable !== undefined
      ? `, maxSurge ${surge ?? 'default'}, maxUnavailable ${
          unavailable ?? 'default'
        }`
      : '';
  return {
    summary: unchanged
      ? `${pool.name} already runs that image and version`
      : `Replace all ${machines.length} machine${
          machines.length === 1 ? '' : 's'
        } of ${pool.name}: ${changes.join(', ')}${pace}`,
    rollout: {
      fromTemplate: pool.infrastructureRef?.name ?? '(none)',
      ...(parameters.templateName && { toTemplate: parameters.templateName }),
      ...(template?.imageUrl && { fromImage: template.imageUrl }),
      ...(toImage && { toImage }),
      ...(pool.version && { fromVersion: pool.version }),
      ...(toVersion && { toVersion }),
      machines: unchanged ? 0 : machines.length,
      ...(surge !== undefined && { maxSurge: surge }),
      ...(unavailable !== undefined && { maxUnavailable: unavailable }),
    },
    warnings,
  };
}
