import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_CONTROLLER_RULES,
  DEFAULT_WORKER_LABEL_RULES,
} from '@metal3-fleet/plugin-metal3-common';
import { controllerNamespaces, readChecksSettings } from './settings';

const read = (checks: object) =>
  readChecksSettings(new ConfigReader({ metal3: { checks } }));

describe('readChecksSettings', () => {
  it("defaults to the guide's rules", () => {
    const settings = read({});
    expect(settings).toMatchObject({
      cacheSeconds: 15,
      credentialsMaxAgeDays: 90,
      joinTimeoutMinutes: 30,
      expectNodeReuse: true,
      driftIntervalMinutes: 30,
      expectedVlans: {},
      trunkNics: [],
    });
    expect(settings.controllers).toEqual(DEFAULT_CONTROLLER_RULES);
    expect(settings.workerLabelRules).toBe(DEFAULT_WORKER_LABEL_RULES);
    expect(controllerNamespaces(settings)).toEqual([
      'baremetal-operator-system',
      'capi-system',
      'capm3-system',
      'metal3-ipam-system',
    ]);
  });

  it('moves a default controller by id and adds a new one', () => {
    const settings = read({
      controllers: [
        { id: 'capi', namespaces: ['kube-dc-capi'] },
        {
          id: 'kube-ovn',
          title: 'Kube-OVN controller',
          namespaces: ['kube-system'],
          matchLabels: { app: 'kube-ovn-controller' },
        },
      ],
    });
    const capi = settings.controllers.find(c => c.id === 'capi')!;
    expect(capi.namespaces).toEqual(['kube-dc-capi']);
    // Labels and install hint stay the default's.
    expect(capi.selector).toEqual(
      DEFAULT_CONTROLLER_RULES.find(c => c.id === 'capi')!.selector,
    );
    expect(settings.controllers.find(c => c.id === 'kube-ovn')).toMatchObject({
      title: 'Kube-OVN controller',
      namespaces: ['kube-system'],
      selector: { matchLabels: { app: 'kube-ovn-controller' } },
    });
    expect(controllerNamespaces(settings)).toContain('kube-system');
    expect(controllerNamespaces(settings)).not.toContain('capi-system');
  });

  it('replaces the worker label rules, defaulting severity and reason', () => {
    const settings = read({
      workerLabelRules: [
        { key: 'node-role.kubernetes.io/gpu', require: 'present' },
      ],
    });
    expect(settings.workerLabelRules).toEqual([
      {
        key: 'node-role.kubernetes.io/gpu',
        require: 'present',
        severity: 'warning',
        why: 'node-role.kubernetes.io/gpu must be present on workers (metal3.checks.workerLabelRules[0])',
      },
    ]);
  });

  it('names the key of every wrong entry', () => {
    expect(() => read({ cacheSeconds: 0 })).toThrow(
      'metal3.checks.cacheSeconds: must be a number > 0, got 0',
    );
    expect(() => read({ controllers: [{ id: 'flux' }] })).toThrow(
      'metal3.checks.controllers[0]: "flux" is not a known controller',
    );
    expect(() =>
      read({ controllers: [{ id: 'capm3', namespaces: [] }] }),
    ).toThrow('metal3.checks.controllers[0].namespaces: name at least one');
    expect(() =>
      read({ workerLabelRules: [{ key: 'a', require: 'maybe' }] }),
    ).toThrow('metal3.checks.workerLabelRules[0].require: "maybe"');
    expect(() =>
      read({
        workerLabelRules: [{ key: 'a', require: 'absent', severity: 'fatal' }],
      }),
    ).toThrow('metal3.checks.workerLabelRules[0].severity: "fatal"');
    // 0 turns the background pass off.
    expect(read({ drift: { intervalMinutes: 0 } }).driftIntervalMinutes).toBe(
      0,
    );
  });
});
