/**
 * The guide's troubleshooting "Worker Node Not Joining Cluster" as a check:
 * a Machine whose server is provisioned (its providerID is set) and that has
 * no Node after a configurable time. The guide's phase 4.5 says provisioning
 * takes 10–20 minutes and its MachineHealthCheck allows 30 (nodeStartupTimeout).
 */
import { okFinding, problemFinding, unknownFinding } from './findings';
import { NamespacedRef, objectSubject } from './subjects';
import type { CheckFinding, CheckSubject } from './types';

/** Default for {@link WorkerJoinInput.joinTimeoutMinutes}: the guide's nodeStartupTimeout. @public */
export const DEFAULT_JOIN_TIMEOUT_MINUTES = 30;

/** @public */
export interface MachineJoinFacts {
  machine: NamespacedRef;
  host?: NamespacedRef;
  pool?: NamespacedRef;
  /** `spec.providerID`: set once the server is provisioned. */
  providerID?: string;
  /** `status.nodeRef.name`. */
  nodeName?: string;
  /** When the infrastructure became provisioned (the InfrastructureReady condition's transition, or the host's provision end). */
  provisionedAt?: string;
}

/** @public */
export interface WorkerJoinInput {
  cluster: string;
  machines: MachineJoinFacts[];
  /** ISO time to measure against. */
  now: string;
  joinTimeoutMinutes?: number;
}

/** One finding per provisioned Machine (on its host's page, else its pool's). @public */
export function checkWorkerJoin(input: WorkerJoinInput): CheckFinding[] {
  const limit = input.joinTimeoutMinutes ?? DEFAULT_JOIN_TIMEOUT_MINUTES;
  return input.machines.flatMap((m): CheckFinding[] => {
    const subject = subjectOf(input.cluster, m);
    // Not provisioned yet: provisioning is another story (host status, stuck detection).
    if (!subject || !m.providerID) return [];
    const common = {
      check: 'practice.worker-joined' as const,
      subject,
      item: m.machine.name,
      also:
        m.host && m.pool ? [objectSubject('pool', input.cluster, m.pool)] : [],
    };
    if (m.nodeName) {
      return [
        okFinding({
          ...common,
          title: `Joined as node ${m.nodeName}`,
          evidence: [{ field: 'status.nodeRef.name', observed: m.nodeName }],
        }),
      ];
    }
    const started = m.provisionedAt ? Date.parse(m.provisionedAt) : NaN;
    if (!Number.isFinite(started)) {
      return [
        unknownFinding({
          ...common,
          title: `Machine ${m.machine.name} has no Node; provisioning time not known`,
          missing: `when Machine ${m.machine.name} was provisioned (its InfrastructureReady transition time)`,
        }),
      ];
    }
    const minutes = Math.max(
      0,
      Math.floor((Date.parse(input.now) - started) / 60_000),
    );
    const evidence = [
      { field: 'spec.providerID', observed: m.providerID },
      {
        field: 'status.nodeRef',
        observed: null,
        expected: `a Node within ${limit} min of provisioning`,
        violation: minutes > limit,
      },
      { field: 'minutes since provisioned', observed: minutes },
    ];
    if (minutes <= limit) {
      return [
        okFinding({
          ...common,
          title: `Provisioned ${minutes} min ago, joining (allowed ${limit} min)`,
          evidence,
        }),
      ];
    }
    return [
      problemFinding({
        ...common,
        severity: 'error',
        title: `${
          m.host?.name ?? m.machine.name
        } was provisioned ${minutes} min ago and has not joined the cluster`,
        evidence,
        fix: {
          text: "The guide's common issues: a wrong join token in the cloud-init userData, master-1 unreachable on the management network (check routing), DNS resolution failing (check /etc/resolv.conf). Read the RKE2 agent log on the worker, via the BMC console or SSH.",
          guide: 'Troubleshooting — Worker Node Not Joining Cluster',
          commands: [
            'sudo journalctl -u rke2-agent -f   # on the worker',
            `kubectl get machines -n ${m.machine.namespace} -o wide`,
            'kubectl get nodes -w',
          ],
        },
      }),
    ];
  });
}

function subjectOf(
  cluster: string,
  m: MachineJoinFacts,
): CheckSubject | undefined {
  if (m.host) return objectSubject('host', cluster, m.host);
  if (m.pool) return objectSubject('pool', cluster, m.pool);
  return undefined;
}
