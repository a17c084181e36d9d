import { checkDrift } from './drift';
import {
  hasUnhealthyStack,
  isDrift,
  isNoncompliant,
  matchesFleetFindingFilter,
  parseFleetFindingFilter,
} from './fleetFilters';
import { findingsForSubject } from './grouping';
import { checkNodeRoles } from './nodeRoles';
import { checkControllers, checkServedKinds } from './stack';
import { objectSubject } from './subjects';

const host = (name: string) => ({ namespace: 'metal3', name });

describe('is:noncompliant', () => {
  const findings = checkNodeRoles({
    cluster: 'c1',
    workers: [
      {
        host: host('ok'),
        nodeName: 'ok',
        labels: { 'node-role.kubernetes.io/worker': '' },
      },
      {
        host: host('master-labelled'),
        nodeName: 'master-labelled',
        labels: {
          'node-role.kubernetes.io/worker': '',
          'kube-ovn/role': 'master',
        },
      },
      {
        host: host('unread'),
        nodeName: 'unread',
        labels: { unavailable: 'Node not found' },
      },
    ],
  });
  it.each([
    ['ok', false],
    ['master-labelled', true],
    ['unread', false],
  ])('%s → %s', (name, expected) => {
    const own = findingsForSubject(
      findings,
      objectSubject('host', 'c1', host(name)),
    );
    expect(isNoncompliant(own)).toBe(expected);
    expect(matchesFleetFindingFilter('is:noncompliant', own)).toBe(expected);
  });
});

describe('is:drift', () => {
  const inventory = { serialNumber: 'S1', poweredOn: true };
  const findings = checkDrift({
    cluster: 'c1',
    inventory: [
      {
        host: host('same'),
        inventory,
        bmc: { serialNumber: 'S1', powerState: 'On' },
      },
      {
        host: host('swapped'),
        inventory,
        bmc: { serialNumber: 'S2', powerState: 'On' },
      },
      { host: host('unread'), inventory, bmc: { unavailable: 'timeout' } },
    ],
    entities: [
      {
        host: host('stale-entity'),
        entity: { pool: 'a' },
        cluster: { pool: 'b' },
      },
    ],
  });
  it.each([
    ['same', false],
    ['swapped', true],
    ['unread', false],
    ['stale-entity', true],
  ])('%s → %s', (name, expected) => {
    const own = findingsForSubject(
      findings,
      objectSubject('host', 'c1', host(name)),
    );
    expect(isDrift(own)).toBe(expected);
  });
});

describe('parseFleetFindingFilter', () => {
  it.each([
    ['is:noncompliant', 'is:noncompliant'],
    [' IS:Drift ', 'is:drift'],
    ['is:stuck', undefined],
  ])('%j → %s', (token, filter) => {
    expect(parseFleetFindingFilter(token)).toBe(filter);
  });
});

describe('hasUnhealthyStack', () => {
  const served = [
    { group: 'metal3.io', kind: 'BareMetalHost', versions: ['v1alpha1'] },
  ];
  const required = (
    kind: string,
    group: string,
    severity: 'error' | 'warning',
  ) => ({
    group,
    kind,
    plural: `${kind.toLowerCase()}s`,
    versions: ['v1'],
    severity,
    install: { text: 't', guide: 'g', commands: [] },
  });

  it.each([
    [
      'everything served',
      [required('BareMetalHost', 'metal3.io', 'error')].map(r => ({
        ...r,
        versions: ['v1alpha1'],
      })),
      false,
    ],
    [
      'a Metal3 kind missing',
      [required('IPPool', 'ipam.metal3.io', 'error')],
      true,
    ],
    [
      'only Kube-OVN missing (a warning)',
      [required('ProviderNetwork', 'kubeovn.io', 'warning')],
      false,
    ],
  ])('%s → %s', (_case, requiredKinds, expected) => {
    expect(
      hasUnhealthyStack(
        checkServedKinds({ cluster: 'c1', servedKinds: served, requiredKinds }),
      ),
    ).toBe(expected);
  });

  it('raises the banner for a controller that is down', () => {
    const findings = checkControllers({
      cluster: 'c1',
      deployments: [
        {
          namespace: 'capm3-system',
          name: 'capm3-controller-manager',
          labels: { 'cluster.x-k8s.io/provider': 'infrastructure-metal3' },
          readyReplicas: 0,
          images: ['capm3:v1.9.0'],
        },
      ],
      controllers: [
        {
          id: 'capm3',
          title: 'CAPM3',
          namespaces: ['capm3-system'],
          selector: {
            matchLabels: {
              'cluster.x-k8s.io/provider': 'infrastructure-metal3',
            },
          },
          install: { text: 't', guide: 'g', commands: [] },
        },
      ],
    });
    expect(hasUnhealthyStack(findings)).toBe(true);
  });
});
