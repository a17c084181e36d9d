import type {
  CheckFinding,
  CheckFix,
  CheckSubject,
  FindingsSummary,
  ImageInUse,
  RemediationRecord,
} from '../checks';

/**
 * The runbook checks as `/api/metal3` serves them: the findings of one page
 * (cluster, pool, host), the images view and the stack summary of the fleet
 * banner. Findings are the checks' own `CheckFinding`s, served as they are.
 */

/** The findings one page shows, worst first. @public */
export interface FindingsResponse {
  subject: CheckSubject;
  /** When the cluster's checks last ran (ISO 8601); the backend keeps them `metal3.checks.cacheSeconds`. */
  evaluatedAt: string;
  findings: CheckFinding[];
  summary: FindingsSummary;
}

/** Whether a cluster's Metal3 stack is healthy, and the first thing to fix when not (the fleet banner). @public */
export interface StackSummaryDto {
  /** A required CRD is not served or a controller is down or missing. */
  unhealthy: boolean;
  problems: number;
  /** Stack checks that could not run (e.g. Deployments not readable), each saying why. */
  unknown: number;
  /** The first stack problem of severity error, with its fix. */
  first?: { title: string; fix: CheckFix };
}

/** `GET /clusters/{cluster}/findings`: stack health and ProviderNetwork coverage. @public */
export interface ClusterFindingsResponse extends FindingsResponse {
  stack: StackSummaryDto;
}

/** `GET /hosts/{cluster}/{namespace}/{name}/findings`, with the host's remediations. @public */
export interface HostFindingsResponse extends FindingsResponse {
  /** Active and past Metal3Remediations of the host, newest first (past: since the backend started). */
  remediations: RemediationRecord[];
}

/** One row of the images view: an image in use, its users, probes and findings. @public */
export interface ImageDto extends ImageInUse {
  findings: CheckFinding[];
  summary: FindingsSummary;
}

/** `GET /clusters/{cluster}/images`. @public */
export interface ImageListResponse {
  cluster: string;
  evaluatedAt: string;
  items: ImageDto[];
}
