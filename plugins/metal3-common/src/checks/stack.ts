/**
 * Stack health, the guide's phase 1.3 "Verify Metal3 Stack": the kinds the
 * portal reads are served (`kubectl api-resources | grep metal3`) and the
 * controllers run (`kubectl get pods -n capm3-system` …).
 */
import {
  formatLabelSelector,
  LabelSelector,
  matchesLabelSelector,
} from '../selectors';
import { okFinding, problemFinding, unknownFinding } from './findings';
import { containerImageVersion } from './imageRefs';
import { Available, isUnavailable } from './inputs';
import { clusterSubject } from './subjects';
import type {
  CheckEvidence,
  CheckFinding,
  CheckFix,
  CheckSeverity,
} from './types';

const VERIFY_STACK = 'Phase 1.3 — Verify Metal3 Stack';

/** A kind the API server serves, from CRDs (`spec.versions[].served`) or discovery. @public */
export interface ServedKind {
  group: string;
  kind: string;
  /** The served versions. */
  versions: string[];
}

/** How to install what brings a kind or a controller, in the guide's words. @public */
export interface InstallHint {
  text: string;
  guide: string;
  commands: string[];
}

/** A kind the portal needs, with the versions it can read in order of preference. @public */
export interface RequiredKind {
  group: string;
  kind: string;
  /** Plural resource name: the CRD is `<plural>.<group>`. */
  plural: string;
  versions: string[];
  /** How bad its absence is: the portal cannot work without the Metal3 and CAPI kinds; without Kube-OVN only the network checks go. */
  severity: CheckSeverity;
  install: InstallHint;
}

const CLUSTERCTL_METAL3: InstallHint = {
  // The guide says this also installs BMO; where it does not (clusterctl
  // installs CAPM3 and IPAM), BMO comes from its own kustomization.
  text: 'Add the Metal3 infrastructure provider and IPAM to the management cluster.',
  guide: 'Phase 1.1 — Initialize CAPM3',
  commands: ['clusterctl init --infrastructure metal3 --ipam metal3'],
};

const CAPI_CORE: InstallHint = {
  text: 'Cluster API core is deployed by the Kube-DC installer (cdev); install it again, or run clusterctl init.',
  guide:
    'Prerequisites — Software Requirements ("Cluster API core: Already installed")',
  commands: ['clusterctl init'],
};

const KUBE_OVN: InstallHint = {
  text: 'Kube-OVN comes with the Kube-DC management cluster (Installation Guide); without it the portal cannot check worker networking.',
  guide: 'Phase 5.1 — Update ProviderNetwork',
  commands: ['kubectl get crd provider-networks.kubeovn.io'],
};

const CAPI_VERSIONS = ['v1beta2', 'v1beta1'];

const capi = (kind: string, plural: string): RequiredKind => ({
  group: 'cluster.x-k8s.io',
  kind,
  plural,
  versions: CAPI_VERSIONS,
  severity: 'error',
  install: CAPI_CORE,
});

const capm3 = (kind: string, plural: string): RequiredKind => ({
  group: 'infrastructure.cluster.x-k8s.io',
  kind,
  plural,
  versions: CAPI_VERSIONS,
  severity: 'error',
  install: CLUSTERCTL_METAL3,
});

/**
 * The kinds the portal reads. Versions match what metal3-node's cluster
 * service reads (CAPI and CAPM3 v1beta2 where served, else v1beta1).
 *
 * @public
 */
export const REQUIRED_KINDS: readonly RequiredKind[] = [
  {
    group: 'metal3.io',
    kind: 'BareMetalHost',
    plural: 'baremetalhosts',
    versions: ['v1alpha1'],
    severity: 'error',
    install: CLUSTERCTL_METAL3,
  },
  {
    group: 'metal3.io',
    kind: 'HardwareData',
    plural: 'hardwaredata',
    versions: ['v1alpha1'],
    severity: 'error',
    install: CLUSTERCTL_METAL3,
  },
  capi('Cluster', 'clusters'),
  capi('MachineDeployment', 'machinedeployments'),
  capi('MachineSet', 'machinesets'),
  capi('Machine', 'machines'),
  capi('MachineHealthCheck', 'machinehealthchecks'),
  capm3('Metal3Machine', 'metal3machines'),
  capm3('Metal3MachineTemplate', 'metal3machinetemplates'),
  capm3('Metal3DataTemplate', 'metal3datatemplates'),
  capm3('Metal3Remediation', 'metal3remediations'),
  capm3('Metal3RemediationTemplate', 'metal3remediationtemplates'),
  {
    group: 'ipam.metal3.io',
    kind: 'IPPool',
    plural: 'ippools',
    versions: ['v1alpha1'],
    severity: 'error',
    install: CLUSTERCTL_METAL3,
  },
  {
    group: 'kubeovn.io',
    kind: 'ProviderNetwork',
    plural: 'provider-networks',
    versions: ['v1'],
    severity: 'warning',
    install: KUBE_OVN,
  },
];

/**
 * One controller of the stack and where to find its Deployment: in any of
 * `namespaces`, matching `selector` on the Deployment's labels or its pod
 * template's labels. Configurable: installations move them.
 *
 * @public
 */
export interface ControllerRule {
  /** Stable id, used as the finding's item: `baremetal-operator`, `ironic`, `capm3`, `ipam`, `capi`. */
  id: string;
  title: string;
  namespaces: string[];
  selector: LabelSelector;
  install: InstallHint;
}

const IRONIC_INSTALL: InstallHint = {
  text: 'Deploy Ironic with the Ironic Standalone Operator, then create the Ironic resource (ironic.yaml).',
  guide: 'Phase 1.2 — Deploy Ironic',
  commands: [
    'kubectl apply -k https://github.com/metal3-io/ironic-standalone-operator/config/default',
    'kubectl apply -f ironic.yaml',
  ],
};

/**
 * Where the controllers live when installed as the guide does. Labels are
 * the ones the installers set: clusterctl labels every provider component
 * `cluster.x-k8s.io/provider=<type>-<name>` (core: `cluster-api`); BMO's
 * manager is `control-plane: controller-manager`; the Ironic Standalone
 * Operator labels Ironic's pods `ironic.metal3.io/app: ironic-service`.
 * Metal3 IPAM lives in its own namespace with clusterctl's `--ipam`, in
 * capm3-system in older installs.
 *
 * @public
 */
export const DEFAULT_CONTROLLER_RULES: readonly ControllerRule[] = [
  {
    id: 'baremetal-operator',
    title: 'Bare Metal Operator',
    namespaces: ['baremetal-operator-system'],
    selector: { matchLabels: { 'control-plane': 'controller-manager' } },
    install: CLUSTERCTL_METAL3,
  },
  {
    id: 'ironic',
    title: 'Ironic',
    namespaces: ['baremetal-operator-system'],
    selector: { matchLabels: { 'ironic.metal3.io/app': 'ironic-service' } },
    install: IRONIC_INSTALL,
  },
  {
    id: 'capm3',
    title: 'CAPM3',
    namespaces: ['capm3-system'],
    selector: {
      matchLabels: { 'cluster.x-k8s.io/provider': 'infrastructure-metal3' },
    },
    install: CLUSTERCTL_METAL3,
  },
  {
    id: 'ipam',
    title: 'Metal3 IPAM',
    namespaces: ['metal3-ipam-system', 'capm3-system'],
    selector: { matchLabels: { 'cluster.x-k8s.io/provider': 'ipam-metal3' } },
    install: CLUSTERCTL_METAL3,
  },
  {
    id: 'capi',
    title: 'CAPI controller manager',
    namespaces: ['capi-system'],
    selector: { matchLabels: { 'cluster.x-k8s.io/provider': 'cluster-api' } },
    install: CAPI_CORE,
  },
];

/** A Deployment as the stack check needs it. @public */
export interface DeploymentFacts {
  namespace: string;
  name: string;
  /** The Deployment's labels merged with its pod template's (either may carry the selector's labels). */
  labels: Record<string, string>;
  /** `spec.replicas`; undefined means the API default, 1. */
  desiredReplicas?: number;
  /** `status.readyReplicas`; undefined means none. */
  readyReplicas?: number;
  /** `spec.template.spec.containers[].image`, in order (the first is the controller). */
  images: string[];
}

/** @public */
export interface StackInput {
  cluster: string;
  servedKinds: Available<ServedKind[]>;
  /** Deployments of the controllers' namespaces. */
  deployments: Available<DeploymentFacts[]>;
  /** Namespaces whose Deployments could not be listed, with the reason (forbidden, …). */
  unreadNamespaces?: Record<string, string>;
  /** Defaults to {@link REQUIRED_KINDS}. */
  requiredKinds?: readonly RequiredKind[];
  /** Defaults to {@link DEFAULT_CONTROLLER_RULES}. */
  controllers?: readonly ControllerRule[];
}

/** Stack health of one cluster: one finding per required kind and per controller. @public */
export function checkStack(input: StackInput): CheckFinding[] {
  return [...checkServedKinds(input), ...checkControllers(input)];
}

/** One finding per required kind (item: the CRD name `<plural>.<group>`). @public */
export function checkServedKinds(
  input: Pick<StackInput, 'cluster' | 'servedKinds' | 'requiredKinds'>,
): CheckFinding[] {
  const subject = clusterSubject(input.cluster);
  const required = input.requiredKinds ?? REQUIRED_KINDS;
  return required.map(kind => {
    const item = `${kind.plural}.${kind.group}`;
    const common = { check: 'stack.crd-served' as const, subject, item };
    if (isUnavailable(input.servedKinds)) {
      return unknownFinding({
        ...common,
        title: `${kind.kind}: served versions not read`,
        missing: `no API discovery data: ${input.servedKinds.unavailable}`,
      });
    }
    const served = input.servedKinds.find(
      s => s.group === kind.group && s.kind === kind.kind,
    );
    const expected = `one of ${kind.versions.join(', ')}`;
    const evidence: CheckEvidence[] = [
      {
        field: `CustomResourceDefinition ${item} spec.versions[served]`,
        observed: served ? served.versions : null,
        expected,
        violation: !served?.versions.some(v => kind.versions.includes(v)),
      },
    ];
    const readAs = kind.versions.find(v => served?.versions.includes(v));
    if (readAs) {
      return okFinding({
        ...common,
        title: `${kind.kind} served (read as ${kind.group}/${readAs})`,
        evidence,
      });
    }
    const fix: CheckFix = {
      text: `${kind.install.text} Then check: kubectl api-resources | grep ${
        kind.group.split('.')[0]
      }`,
      guide: kind.install.guide,
      commands: kind.install.commands,
    };
    return problemFinding({
      ...common,
      severity: kind.severity,
      title: served
        ? `${kind.kind} is served only as ${served.versions.join(
            ', ',
          )}; the portal reads ${kind.versions.join(' or ')}`
        : `${kind.kind} is not served (no CRD ${item})`,
      evidence,
      fix,
    });
  });
}

/** One finding per controller rule (item: the rule's id). @public */
export function checkControllers(
  input: Pick<
    StackInput,
    'cluster' | 'deployments' | 'unreadNamespaces' | 'controllers'
  >,
): CheckFinding[] {
  const subject = clusterSubject(input.cluster);
  const rules = input.controllers ?? DEFAULT_CONTROLLER_RULES;
  return rules.map(rule => {
    const common = {
      check: 'stack.controller-ready' as const,
      subject,
      item: rule.id,
    };
    if (isUnavailable(input.deployments)) {
      return unknownFinding({
        ...common,
        title: `${rule.title}: Deployments not read`,
        missing: `no Deployment data: ${input.deployments.unavailable}`,
      });
    }
    const matches = input.deployments.filter(
      d =>
        rule.namespaces.includes(d.namespace) &&
        matchesLabelSelector(d.labels, rule.selector),
    );
    const where = `${describeSelector(rule.selector)} in ${rule.namespaces.join(
      ' or ',
    )}`;
    if (matches.length === 0) {
      const unread = rule.namespaces.filter(
        ns => input.unreadNamespaces?.[ns] !== undefined,
      );
      if (unread.length > 0) {
        return unknownFinding({
          ...common,
          title: `${rule.title}: its namespace could not be read`,
          missing: `no Deployment data for ${unread
            .map(ns => `${ns} (${input.unreadNamespaces![ns]})`)
            .join(', ')}`,
        });
      }
      return problemFinding({
        ...common,
        severity: 'error',
        title: `${rule.title} not found: no Deployment ${where}`,
        evidence: [
          {
            field: `Deployments ${where}`,
            observed: [],
            expected: 'one Deployment',
            violation: true,
          },
        ],
        fix: {
          text: `${rule.install.text} If it runs elsewhere, configure the namespaces and labels the portal looks for.`,
          guide: rule.install.guide,
          commands: rule.install.commands,
        },
      });
    }
    const evidence = matches.flatMap(deploymentEvidence);
    const notReady = matches.filter(d => !isReady(d));
    const versions = [
      ...new Set(matches.map(d => versionOf(d)).filter(Boolean)),
    ].join(', ');
    if (notReady.length === 0) {
      return okFinding({
        ...common,
        title: `${rule.title} running${versions ? ` (${versions})` : ''}`,
        evidence,
      });
    }
    const first = notReady[0];
    const desired = desiredOf(first);
    return problemFinding({
      ...common,
      severity: 'error',
      title:
        desired === 0
          ? `${rule.title} is scaled to 0: ${first.namespace}/${first.name}`
          : `${rule.title} not ready: ${first.namespace}/${first.name} has ${
              first.readyReplicas ?? 0
            } of ${desired} replicas ready`,
      evidence,
      fix: {
        text:
          desired === 0
            ? `Scale ${first.name} in ${first.namespace} back up; nothing of Metal3 moves while it is down.`
            : `Check all Metal3 components are running: look at the pods of ${first.name} in ${first.namespace}, their events and logs.`,
        guide: VERIFY_STACK,
        commands:
          desired === 0
            ? [
                `kubectl -n ${first.namespace} scale deployment ${first.name} --replicas=1`,
              ]
            : [
                `kubectl get pods -n ${first.namespace}`,
                `kubectl -n ${first.namespace} describe deployment ${first.name}`,
                `kubectl -n ${first.namespace} logs deployment/${first.name}`,
              ],
      },
    });
  });
}

function desiredOf(d: DeploymentFacts): number {
  return d.desiredReplicas ?? 1;
}

function isReady(d: DeploymentFacts): boolean {
  const desired = desiredOf(d);
  return desired > 0 && (d.readyReplicas ?? 0) >= desired;
}

function versionOf(d: DeploymentFacts): string | undefined {
  return d.images[0] ? containerImageVersion(d.images[0]) : undefined;
}

function deploymentEvidence(d: DeploymentFacts): CheckEvidence[] {
  const prefix = `Deployment ${d.namespace}/${d.name}`;
  const desired = desiredOf(d);
  return [
    {
      field: `${prefix} status.readyReplicas`,
      observed: d.readyReplicas ?? 0,
      expected: desired > 0 ? `${desired} (spec.replicas)` : '≥ 1',
      violation: !isReady(d),
    },
    {
      field: `${prefix} image`,
      observed: d.images[0] ?? null,
    },
    {
      field: `${prefix} version`,
      observed: versionOf(d) ?? null,
    },
  ];
}

function describeSelector(selector: LabelSelector): string {
  const text = formatLabelSelector(selector);
  return text ? `labelled ${text}` : 'of any label';
}
