import {
  HealthCheckDto,
  HostSummaryDto,
  PoolDetailDto,
  PoolSummaryDto,
  RemediationDto,
} from '@metal3-fleet/plugin-metal3-common';
import {
  MachineDeploymentProjection,
  MachineHealthCheckProjection,
  Metal3RemediationProjection,
} from '@metal3-fleet/plugin-metal3-node';

/** A MachineHealthCheck as the pool page shows it (no cache bookkeeping). */
export function toHealthCheckDto(
  check: MachineHealthCheckProjection,
): HealthCheckDto {
  return {
    name: check.name,
    maxUnhealthy: check.maxUnhealthy,
    nodeStartupTimeoutSeconds: check.nodeStartupTimeoutSeconds,
    unhealthyNodeConditions: check.unhealthyNodeConditions,
    remediationTemplate: check.remediationTemplate && {
      kind: check.remediationTemplate.kind,
      name: check.remediationTemplate.name,
      namespace: check.remediationTemplate.namespace,
      apiGroup: check.remediationTemplate.apiGroup,
    },
    expectedMachines: check.status.expectedMachines,
    currentHealthy: check.status.currentHealthy,
    remediationsAllowed: check.status.remediationsAllowed,
  };
}

/** A Metal3Remediation as the pool page shows it. */
export function toRemediationDto(
  remediation: Metal3RemediationProjection,
): RemediationDto {
  return {
    name: remediation.name,
    strategy: remediation.strategy,
    phase: remediation.phase,
    retryCount: remediation.retryCount,
    retryLimit: remediation.retryLimit,
    lastRemediated: remediation.lastRemediated,
  };
}

/** The body of `GET /pools/{cluster}/{namespace}/{name}`. Pure. */
export function buildPoolDetail(
  summary: PoolSummaryDto,
  facts: {
    pool: MachineDeploymentProjection;
    members: HostSummaryDto[];
    healthChecks: MachineHealthCheckProjection[];
    remediations: Metal3RemediationProjection[];
    stale: boolean;
  },
): PoolDetailDto {
  return {
    ...summary,
    ...(facts.stale && { stale: true }),
    members: facts.members,
    healthChecks: facts.healthChecks.map(toHealthCheckDto),
    remediations: facts.remediations.map(toRemediationDto),
    maxSurge: facts.pool.maxSurge,
    maxUnavailable: facts.pool.maxUnavailable,
  };
}
