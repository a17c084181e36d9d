/**
 * Node roles, the guide's phase 5.2 "Node Labels": workers must not carry
 * the control-plane labels of Kube-DC (OVN central databases, Kube-DC
 * control-plane pods would be scheduled on them) and should carry the
 * standard worker role. The rules are data, so an installation can add its
 * own or change these.
 */
import { okFinding, problemFinding, unknownFinding } from './findings';
import { Available, isUnavailable } from './inputs';
import { NamespacedRef, objectSubject } from './subjects';
import type { CheckEvidence, CheckFinding, CheckSeverity } from './types';

/**
 * One rule on a worker Node's labels. `absent`: a worker must not carry the
 * label (with `value`, only that value is refused). `present`: a worker must
 * carry it (with `value`, that value).
 *
 * @public
 */
export interface NodeLabelRule {
  key: string;
  value?: string;
  require: 'absent' | 'present';
  severity: CheckSeverity;
  /** Why, in the guide's words; shown with a violation. */
  why: string;
  /** For `present` rules without `value`: what the fix sets (default `true`). */
  setValue?: string;
}

/** The guide's table in phase 5.2. @public */
export const DEFAULT_WORKER_LABEL_RULES: readonly NodeLabelRule[] = [
  {
    key: 'kube-ovn/role',
    value: 'master',
    require: 'absent',
    severity: 'error',
    why: 'kube-ovn/role=master runs OVN central databases: masters only',
  },
  {
    key: 'kube-dc-manager',
    value: 'true',
    require: 'absent',
    severity: 'error',
    why: 'kube-dc-manager=true schedules Kube-DC control-plane pods: masters only',
  },
  {
    key: 'node-role.kubernetes.io/worker',
    require: 'present',
    severity: 'warning',
    why: 'node-role.kubernetes.io/worker is the standard Kubernetes worker role',
  },
];

/** A worker of a pool and the labels of its Node. @public */
export interface WorkerNodeFacts {
  host: NamespacedRef;
  pool?: NamespacedRef;
  /** Undefined while the worker has not joined: nothing to check yet. */
  nodeName?: string;
  labels: Available<Record<string, string>>;
}

/** @public */
export interface NodeRolesInput {
  cluster: string;
  workers: WorkerNodeFacts[];
  /** Defaults to {@link DEFAULT_WORKER_LABEL_RULES}. */
  rules?: readonly NodeLabelRule[];
}

const SEVERITY_ORDER: CheckSeverity[] = ['error', 'warning', 'info'];

/** One finding per joined worker: its Node's labels against the rules. @public */
export function checkNodeRoles(input: NodeRolesInput): CheckFinding[] {
  const rules = input.rules ?? DEFAULT_WORKER_LABEL_RULES;
  return input.workers.flatMap((worker): CheckFinding[] => {
    const node = worker.nodeName;
    if (!node) return [];
    const common = {
      check: 'node.worker-labels' as const,
      subject: objectSubject('host', input.cluster, worker.host),
      also: worker.pool
        ? [objectSubject('pool', input.cluster, worker.pool)]
        : [],
    };
    if (isUnavailable(worker.labels)) {
      return [
        unknownFinding({
          ...common,
          title: `Labels of node ${node} not read`,
          missing: `the labels of Node ${node}: ${worker.labels.unavailable}`,
        }),
      ];
    }
    const labels = worker.labels;
    const results = rules.map(rule => ({ rule, ok: satisfies(labels, rule) }));
    const evidence: CheckEvidence[] = results.map(({ rule, ok }) => ({
      field: `Node ${node} metadata.labels[${rule.key}]`,
      observed: labels[rule.key] ?? null,
      expected: expectationOf(rule),
      violation: !ok,
    }));
    const broken = results.filter(r => !r.ok).map(r => r.rule);
    if (broken.length === 0) {
      return [
        okFinding({
          ...common,
          title: `Node ${node} has a worker's labels`,
          evidence,
        }),
      ];
    }
    const severity = SEVERITY_ORDER.find(s =>
      broken.some(r => r.severity === s),
    )!;
    return [
      problemFinding({
        ...common,
        severity,
        title: `Node ${node} ${broken
          .map(r => describeViolation(labels, r))
          .join(' and ')}`,
        evidence,
        fix: {
          text: `${broken
            .map(r => r.why)
            .join(
              '; ',
            )}. Verify these labels on workers; if a removed label comes back, it is set by the worker's node-label setting (/etc/rancher/rke2/config.yaml in the pool's userData).`,
          guide: 'Phase 5.2 — Node Labels',
          commands: [
            `kubectl get node ${node} --show-labels | grep -E 'kube-ovn/role|kube-dc-manager'`,
            ...broken.map(r => labelCommand(node, r)),
          ],
        },
      }),
    ];
  });
}

function satisfies(
  labels: Record<string, string>,
  rule: NodeLabelRule,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, rule.key);
  const matches =
    has && (rule.value === undefined || labels[rule.key] === rule.value);
  return rule.require === 'absent' ? !matches : matches;
}

function expectationOf(rule: NodeLabelRule): string {
  if (rule.require === 'present') {
    return rule.value === undefined ? 'present' : rule.value;
  }
  return rule.value === undefined ? 'absent' : `not ${rule.value}`;
}

function describeViolation(
  labels: Record<string, string>,
  rule: NodeLabelRule,
): string {
  if (rule.require === 'absent') {
    return `carries ${rule.key}=${labels[rule.key]}`;
  }
  return rule.value === undefined
    ? `lacks ${rule.key}`
    : `lacks ${rule.key}=${rule.value}`;
}

function labelCommand(node: string, rule: NodeLabelRule): string {
  if (rule.require === 'absent')
    return `kubectl label node ${node} ${rule.key}-`;
  const value = rule.value ?? rule.setValue ?? 'true';
  return `kubectl label node ${node} ${rule.key}=${value} --overwrite`;
}
