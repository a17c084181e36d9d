import {
  checkStack,
  DEFAULT_CONTROLLER_RULES,
  hasUnhealthyStack,
  REQUIRED_KINDS,
} from '@metal3-fleet/plugin-metal3-common';
import { stackSummary } from './stackSummary';

const served = REQUIRED_KINDS.map(k => ({
  group: k.group,
  kind: k.kind,
  versions: [k.versions[0]],
}));
const running = DEFAULT_CONTROLLER_RULES.map(rule => ({
  namespace: rule.namespaces[0],
  name: `${rule.id}-controller`,
  labels: rule.selector.matchLabels!,
  desiredReplicas: 1,
  readyReplicas: 1,
  images: [`quay.io/metal3-io/${rule.id}:v1.0.0`],
}));

describe('stackSummary', () => {
  it('is healthy when every kind is served and every controller runs', () => {
    const findings = checkStack({
      cluster: 'c',
      servedKinds: served,
      deployments: running,
    });
    expect(stackSummary(findings)).toEqual({
      unhealthy: false,
      problems: 0,
      unknown: 0,
    });
  });

  it('names the first controller down and its fix, as the banner shows it', () => {
    const findings = checkStack({
      cluster: 'c',
      servedKinds: served,
      deployments: running.map(d =>
        d.name === 'capm3-controller' ? { ...d, readyReplicas: 0 } : d,
      ),
    });
    const summary = stackSummary(findings);
    expect(summary).toMatchObject({
      unhealthy: true,
      problems: 1,
      unknown: 0,
      first: {
        title:
          'CAPM3 not ready: capm3-system/capm3-controller has 0 of 1 replicas ready',
        fix: {
          commands: expect.arrayContaining([
            'kubectl get pods -n capm3-system',
          ]),
        },
      },
    });
    expect(summary.unhealthy).toBe(hasUnhealthyStack(findings));
  });

  it('does not raise the banner for a missing Kube-OVN alone, and counts unknowns', () => {
    const findings = checkStack({
      cluster: 'c',
      servedKinds: served.filter(k => k.group !== 'kubeovn.io'),
      deployments: { unavailable: 'the cluster serves no apps/v1 deployments' },
    });
    expect(stackSummary(findings)).toEqual({
      unhealthy: false,
      problems: 1,
      unknown: DEFAULT_CONTROLLER_RULES.length,
    });
  });
});
