/**
 * The finding model shared by every runbook check: what the REST API serves,
 * the MCP actions return and the pages render. One finding is the answer of
 * one check about one subject (and, for checks that look at several things
 * of a subject, one item of it).
 *
 * Values are plain JSON (no Date, no Map) so a finding crosses the wire as it
 * is; BMC passwords, cluster tokens and URL userinfo never appear in one (the
 * checks only ever receive what they need and redact image URLs).
 */
import type { CheckId } from './catalogue';

/**
 * `ok`: the check ran and found nothing wrong. `problem`: the check ran and
 * found something wrong (then it has a severity and a fix). `unknown`: the
 * check could not run for lack of an input (then it says which one).
 *
 * @public
 */
export type CheckOutcome = 'ok' | 'problem' | 'unknown';

/**
 * `error`: the guide's procedure fails or the fleet is at risk now (a
 * controller down, a health check that can never remediate). `warning`: a
 * practice the guide warns against, or a failure waiting to happen.
 * `info`: worth knowing, nothing breaks.
 *
 * @public
 */
export type CheckSeverity = 'error' | 'warning' | 'info';

/** Where a finding is shown: the page of this kind of object. @public */
export type CheckSubjectKind =
  | 'cluster'
  | 'pool'
  | 'host'
  | 'image'
  | 'provider-network';

/**
 * What a finding is about. `cluster` is the portal's cluster name
 * (`metal3.clusters[].name`); a cluster subject has the cluster's name as
 * `name`, cluster-scoped objects (ProviderNetworks) have no namespace, an
 * image is named by its URL (userinfo redacted).
 *
 * @public
 */
export interface CheckSubject {
  kind: CheckSubjectKind;
  cluster: string;
  namespace?: string;
  name: string;
}

/** A value that proves a finding; plain JSON so it renders as it is. @public */
export type CheckValue = string | number | boolean | null | string[];

/**
 * One value a check read and, when it judges that value, what it expected.
 * `field` names where the value comes from in the words an operator would
 * use with kubectl: `status.readyNodes`, `spec.rootDeviceHints`,
 * `Deployment capm3-system/capm3-controller-manager status.readyReplicas`,
 * `BMC Systems/1 SerialNumber`.
 *
 * @public
 */
export interface CheckEvidence {
  field: string;
  /** `null` when the field is absent. */
  observed: CheckValue;
  /** What the check wants, in words (`≥ 1`, `absent`, `one of v1beta2, v1beta1`); absent for plain facts. */
  expected?: string;
  /** True for the values that make the finding a problem. */
  violation?: boolean;
}

/**
 * A scaffolder template the portal can run to fix the problem, with its
 * parameters filled in. `action` names the template action behind it, so a
 * caller can tell what will be written before opening the template.
 *
 * @public
 */
export interface CheckTemplateFix {
  /** Template entity name, e.g. `metal3-upgrade-pool`. */
  name: string;
  action?: string;
  values: Record<string, string | number | boolean>;
}

/**
 * How to fix a problem: the guide's words, where in the guide, and either a
 * template the portal runs or commands an operator runs when the portal
 * cannot make that change.
 *
 * @public
 */
export interface CheckFix {
  text: string;
  /** The guide's phase or section, e.g. `Phase 5.1 — Update ProviderNetwork`. */
  guide: string;
  template?: CheckTemplateFix;
  commands?: string[];
}

/** What every finding carries, whatever its outcome. @public */
export interface FindingBase {
  check: CheckId;
  subject: CheckSubject;
  /** Other pages that show this finding too (a host's NIC problem is also its pool's). */
  also?: CheckSubject[];
  /** What within the subject the finding is about when a check looks at several things (a CRD, a controller, a health check). */
  item?: string;
  /** One line, readable on its own: "Trunk NIC eno2 of worker-3 is not in ProviderNetwork ext-cloud". */
  title: string;
  evidence: CheckEvidence[];
}

/** @public */
export interface OkFinding extends FindingBase {
  outcome: 'ok';
}

/** @public */
export interface ProblemFinding extends FindingBase {
  outcome: 'problem';
  severity: CheckSeverity;
  fix: CheckFix;
}

/** @public */
export interface UnknownFinding extends FindingBase {
  outcome: 'unknown';
  /** The input the check lacked and why, e.g. "no ProviderNetwork data: the cluster serves no kubeovn.io". */
  missing: string;
}

/** The answer of one check about one subject (and item). @public */
export type CheckFinding = OkFinding | ProblemFinding | UnknownFinding;
