import type { CheckFinding, CheckSubject, CheckSubjectKind } from './types';

/** A namespaced object of a cluster, as the inputs of the checks name it. @public */
export interface NamespacedRef {
  namespace: string;
  name: string;
}

/** The subject of a cluster's own findings (stack health). @public */
export function clusterSubject(cluster: string): CheckSubject {
  return { kind: 'cluster', cluster, name: cluster };
}

/** The subject of a namespaced object (a pool or a host). @public */
export function objectSubject(
  kind: Exclude<CheckSubjectKind, 'cluster' | 'image' | 'provider-network'>,
  cluster: string,
  ref: NamespacedRef,
): CheckSubject {
  return { kind, cluster, namespace: ref.namespace, name: ref.name };
}

/**
 * One string per subject, stable across calls: the key a page or an index
 * groups findings by (`host:kube-dc-mgmt/metal3/worker-1`).
 *
 * @public
 */
export function subjectKey(subject: CheckSubject): string {
  return `${subject.kind}:${subject.cluster}/${subject.namespace ?? ''}/${
    subject.name
  }`;
}

/**
 * One string per finding: check, subject and item. Two evaluations of the
 * same data give the same keys, so a UI can diff them and a backend can tell
 * a new problem from one it already reported.
 *
 * @public
 */
export function findingKey(finding: CheckFinding): string {
  return `${finding.check}|${subjectKey(finding.subject)}|${
    finding.item ?? ''
  }`;
}
