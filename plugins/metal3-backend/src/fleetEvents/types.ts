/**
 * Fleet events: the changes of fleet state people want to be told about and
 * alerted on. The detector keeps the set of conditions in force; an event is
 * a condition entering or leaving that set (edge-triggered: a host that stays
 * in error is one event, not one per update of the host).
 */

/** The kinds of condition, one notification topic and one metric label value each. */
export const FLEET_EVENT_KINDS = [
  'hostError',
  'hostStuck',
  'remediationStarted',
  'poolDegraded',
] as const;

export type FleetEventKind = (typeof FLEET_EVENT_KINDS)[number];

/** What a condition is about: a host or a pool of one cluster. */
export interface FleetSubject {
  type: 'host' | 'pool';
  cluster: string;
  namespace: string;
  name: string;
}

/** One condition in force, with what a notification and a metric need. */
export interface FleetCondition {
  /** `<kind> <cluster>/<namespace>/<name>`: unique, stable across replicas. */
  key: string;
  kind: FleetEventKind;
  subject: FleetSubject;
  /** Catalog entity ref of the subject (the host or pool entity). */
  entityRef: string;
  /**
   * Owners to notify, as the catalog module derives them (the entity's
   * spec.owner): sent beside the entity ref so a host the catalog has not
   * ingested yet still reaches its owner.
   */
  owners: string[];
  /** Short, for a title: "Inspection failed", "inspecting for 41m". */
  label: string;
  /** What happened, for people; never holds credentials (projections redact them). */
  message: string;
  /** What to do, when the status model knows. */
  fix?: string;
  /** A bounded value for metric labels: the error type, the stuck state, the pool health. */
  reason: string;
  /** The pool of a remediated machine, for metric labels. */
  pool?: string;
}

/** A condition entering or leaving the set in force. */
export interface FleetEvent {
  type: 'entered' | 'cleared';
  condition: FleetCondition;
}

export function conditionKey(
  kind: FleetEventKind,
  cluster: string,
  namespace: string,
  name: string,
): string {
  return `${kind} ${cluster}/${namespace}/${name}`;
}
