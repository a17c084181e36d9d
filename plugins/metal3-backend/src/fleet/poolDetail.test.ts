import {
  projectMachineHealthCheck,
  projectMetal3Remediation,
} from '@metal3-fleet/plugin-metal3-node';
import { toHealthCheckDto, toRemediationDto } from './poolDetail';

describe('pool detail builders', () => {
  it('shows a MachineHealthCheck by what it checks, not by the cache bookkeeping', () => {
    const check = projectMachineHealthCheck({
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineHealthCheck',
      metadata: {
        name: 'kube-dc-workers-mhc',
        namespace: 'metal3',
        resourceVersion: '4711',
        labels: { team: 'a' },
      },
      spec: {
        clusterName: 'kube-dc',
        selector: {
          matchLabels: {
            'cluster.x-k8s.io/deployment-name': 'kube-dc-workers',
          },
        },
        checks: {
          nodeStartupTimeoutSeconds: 600,
          unhealthyNodeConditions: [
            { type: 'Ready', status: 'False', timeoutSeconds: 300 },
          ],
        },
        remediation: {
          triggerIf: { unhealthyLessThanOrEqualTo: '40%' },
          templateRef: {
            apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
            kind: 'Metal3RemediationTemplate',
            name: 'workers-remediation',
          },
        },
      },
      status: {
        expectedMachines: 3,
        currentHealthy: 2,
        remediationsAllowed: 1,
      },
    });
    expect(toHealthCheckDto(check)).toEqual({
      name: 'kube-dc-workers-mhc',
      maxUnhealthy: '40%',
      nodeStartupTimeoutSeconds: 600,
      unhealthyNodeConditions: [
        { type: 'Ready', status: 'False', timeoutSeconds: 300 },
      ],
      remediationTemplate: {
        kind: 'Metal3RemediationTemplate',
        name: 'workers-remediation',
        namespace: undefined,
        apiGroup: 'infrastructure.cluster.x-k8s.io',
      },
      expectedMachines: 3,
      currentHealthy: 2,
      remediationsAllowed: 1,
    });
  });

  it('shows a remediation by its Machine, phase and retries', () => {
    const remediation = projectMetal3Remediation({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
      kind: 'Metal3Remediation',
      metadata: {
        name: 'kube-dc-workers-abc',
        namespace: 'metal3',
        resourceVersion: '99',
      },
      spec: { strategy: { type: 'Reboot', retryLimit: 2 } },
      status: {
        phase: 'Waiting',
        retryCount: 1,
        lastRemediated: '2026-11-25T10:00:00Z',
      },
    });
    expect(toRemediationDto(remediation)).toEqual({
      name: 'kube-dc-workers-abc',
      strategy: 'Reboot',
      phase: 'Waiting',
      retryCount: 1,
      retryLimit: 2,
      lastRemediated: '2026-11-25T10:00:00Z',
    });
  });
});
