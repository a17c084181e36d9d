/**
 * The guide's best practices for each host ("Disk Management", "BMC
 * Security") as checks: root device hints on multi-disk hosts, automated
 * cleaning on, BMC certificates verified, Redfish rather than IPMI, BMC
 * credentials rotated.
 */
import { getBmcScheme } from '../bmc/schemes';
import { FIX_TEMPLATES } from './catalogue';
import { okFinding, problemFinding, unknownFinding } from './findings';
import { Available, isUnavailable } from './inputs';
import { NamespacedRef, objectSubject } from './subjects';
import type { CheckEvidence, CheckFinding, CheckSubject } from './types';

const DISK_MANAGEMENT = 'Best Practices — Disk Management';
const BMC_SECURITY = 'Best Practices — BMC Security';

/** Default for {@link HostPracticesInput.credentialsMaxAgeDays}. @public */
export const DEFAULT_BMC_CREDENTIALS_MAX_AGE_DAYS = 90;

/** The spec facts of a BareMetalHost the practices look at. @public */
export interface HostSpecFacts {
  /** `status.hardware.storage` length; undefined until inspected. */
  diskCount?: number;
  rootDeviceHints?: Record<string, unknown>;
  /** The host's `spec.automatedCleaningMode` (absent: BMO's default, metadata). */
  automatedCleaningMode?: string;
  /** The pool template's `automatedCleaningMode`, which CAPM3 copies to the host when set. */
  templateAutomatedCleaningMode?: string;
  /** Scheme of `spec.bmc.address`, with its `+http`/`+https` suffix (`redfish-virtualmedia`, `redfish+http`, `ipmi`). */
  bmcScheme: string;
  /** Host part of the BMC address (no credentials), to write the Redfish address in the fix. */
  bmcHost?: string;
  disableCertificateVerification?: boolean;
}

/** What a Redfish probe of an IPMI host's BMC found. @public */
export interface RedfishProbe {
  answers: boolean;
  /** The system's path when it answers, e.g. `/redfish/v1/Systems/1`. */
  systemPath?: string;
}

/** @public */
export interface HostPracticeFacts {
  host: NamespacedRef;
  pool?: NamespacedRef;
  spec: Available<HostSpecFacts>;
  /** For IPMI hosts: whether the BMC also answers Redfish; absent while not probed. */
  redfish?: Available<RedfishProbe>;
  /** The BMC credentials Secret (`spec.bmc.credentialsName`): its name and `metadata.creationTimestamp`. */
  credentials: Available<{ name: string; createdAt?: string }>;
}

/** @public */
export interface HostPracticesInput {
  cluster: string;
  hosts: HostPracticeFacts[];
  /** ISO time to measure the Secret's age against. */
  now: string;
  /** BMC Secrets older than this are flagged. Default {@link DEFAULT_BMC_CREDENTIALS_MAX_AGE_DAYS}. */
  credentialsMaxAgeDays?: number;
}

/** Every host practice of every host. @public */
export function checkHostPractices(input: HostPracticesInput): CheckFinding[] {
  return input.hosts.flatMap(facts => {
    const subject = objectSubject('host', input.cluster, facts.host);
    const specChecks = isUnavailable(facts.spec)
      ? unknownSpec(subject, facts, facts.spec.unavailable)
      : [
          rootDeviceHints(subject, facts, facts.spec),
          automatedCleaning(subject, facts, facts.spec),
          ...certificateVerification(subject, facts, facts.spec),
          redfishOverIpmi(subject, facts, facts.spec),
        ];
    return [...specChecks, credentialsAge(input, subject, facts)];
  });
}

function unknownSpec(
  subject: CheckSubject,
  facts: HostPracticeFacts,
  reason: string,
): CheckFinding[] {
  return (
    [
      'practice.root-device-hints',
      'practice.automated-cleaning',
      'practice.certificate-verification',
      'practice.redfish-over-ipmi',
    ] as const
  ).map(check =>
    unknownFinding({
      check,
      subject,
      title: `${facts.host.name}: host spec not read`,
      missing: `the spec of BareMetalHost ${facts.host.name}: ${reason}`,
    }),
  );
}

function rootDeviceHints(
  subject: CheckSubject,
  facts: HostPracticeFacts,
  spec: HostSpecFacts,
): CheckFinding {
  const common = { check: 'practice.root-device-hints' as const, subject };
  const hints = spec.rootDeviceHints ?? {};
  const hinted = Object.keys(hints).length > 0;
  if (spec.diskCount === undefined) {
    return unknownFinding({
      ...common,
      title: `${facts.host.name}: disks not known yet`,
      missing: `status.hardware.storage of ${facts.host.name}: the host has not been inspected`,
    });
  }
  const evidence: CheckEvidence[] = [
    { field: 'status.hardware.storage (disks)', observed: spec.diskCount },
    {
      field: 'spec.rootDeviceHints',
      observed: hinted ? JSON.stringify(hints) : null,
      ...(spec.diskCount > 1 && {
        expected: 'set (the host has several disks)',
      }),
      violation: spec.diskCount > 1 && !hinted,
    },
  ];
  if (spec.diskCount > 1 && !hinted) {
    return problemFinding({
      ...common,
      severity: 'warning',
      title: `${facts.host.name} has ${spec.diskCount} disks and no rootDeviceHints`,
      evidence,
      fix: {
        text: "Set rootDeviceHints on BareMetalHosts to ensure the OS is installed on the correct disk, especially on servers with multiple drives (e.g. minSizeGigabytes: 100, or the disk's serialNumber or hctl). Without them Ironic picks the first disk it finds.",
        guide: DISK_MANAGEMENT,
        commands: [
          `kubectl patch bmh ${facts.host.name} -n ${facts.host.namespace} --type merge -p '{"spec":{"rootDeviceHints":{"minSizeGigabytes":100}}}'`,
        ],
      },
    });
  }
  return okFinding({
    ...common,
    title: hinted ? 'Root device hints set' : `Single disk: no hints needed`,
    evidence,
  });
}

function automatedCleaning(
  subject: CheckSubject,
  facts: HostPracticeFacts,
  spec: HostSpecFacts,
): CheckFinding {
  const common = { check: 'practice.automated-cleaning' as const, subject };
  // CAPM3 copies the pool template's mode to the host when the template
  // sets one, so that one wins for pool members.
  const effective =
    spec.templateAutomatedCleaningMode ??
    spec.automatedCleaningMode ??
    'metadata';
  const evidence: CheckEvidence[] = [
    {
      field: 'spec.automatedCleaningMode',
      observed: spec.automatedCleaningMode ?? null,
      expected: 'metadata',
      violation: spec.automatedCleaningMode === 'disabled',
    },
    ...(spec.templateAutomatedCleaningMode !== undefined
      ? [
          {
            field:
              'Metal3MachineTemplate spec.template.spec.automatedCleaningMode',
            observed: spec.templateAutomatedCleaningMode,
            expected: 'metadata',
            violation: spec.templateAutomatedCleaningMode === 'disabled',
          },
        ]
      : []),
  ];
  if (effective !== 'disabled') {
    return okFinding({
      ...common,
      title: `Automated cleaning: ${effective}`,
      evidence,
    });
  }
  const fromTemplate = spec.templateAutomatedCleaningMode === 'disabled';
  return problemFinding({
    ...common,
    severity: 'warning',
    title: `Automated cleaning is disabled on ${facts.host.name}${
      fromTemplate ? ' (by its pool template)' : ''
    }`,
    evidence,
    fix: {
      text: "Use automatedCleaningMode: metadata to wipe partition tables between provisions without full disk erase; a disabled host hands the previous tenant's data and partitions to the next one.",
      guide: DISK_MANAGEMENT,
      commands: fromTemplate
        ? [
            `# set automatedCleaningMode: metadata in the pool's Metal3MachineTemplate (a new template rolled out with the upgrade template)`,
          ]
        : [
            `kubectl patch bmh ${facts.host.name} -n ${facts.host.namespace} --type merge -p '{"spec":{"automatedCleaningMode":"metadata"}}'`,
          ],
    },
  });
}

function certificateVerification(
  subject: CheckSubject,
  facts: HostPracticeFacts,
  spec: HostSpecFacts,
): CheckFinding[] {
  const common = {
    check: 'practice.certificate-verification' as const,
    subject,
  };
  const [base, suffix] = spec.bmcScheme.toLowerCase().split('+');
  const scheme = getBmcScheme(base);
  // IPMI and libvirt have no TLS: the practice does not apply.
  if (!scheme || scheme.protocol !== 'redfish') return [];
  const transport = suffix ?? scheme.defaultTransport;
  const evidence: CheckEvidence[] = [
    {
      field: 'spec.bmc.address (scheme)',
      observed: spec.bmcScheme,
      expected: 'HTTPS',
      violation: transport === 'http',
    },
    {
      field: 'spec.bmc.disableCertificateVerification',
      observed: spec.disableCertificateVerification ?? null,
      expected: 'false or absent',
      violation: spec.disableCertificateVerification === true,
    },
  ];
  if (transport === 'http') {
    return [
      problemFinding({
        ...common,
        severity: 'warning',
        title: `${facts.host.name}'s BMC is reached over plain HTTP`,
        evidence,
        fix: {
          text: 'Enable TLS on BMC interfaces: without it the BMC credentials cross the network in clear. Switch the address to the HTTPS form of the scheme (detach, change spec.bmc.address, re-attach).',
          guide: BMC_SECURITY,
        },
      }),
    ];
  }
  if (spec.disableCertificateVerification === true) {
    return [
      problemFinding({
        ...common,
        severity: 'warning',
        title: `${facts.host.name}'s BMC certificate is not verified`,
        evidence,
        fix: {
          text: "Enable TLS on BMC interfaces and avoid disableCertificateVerification: true in production: give the BMC a certificate Ironic trusts (its CA in Ironic's trust bundle), then set disableCertificateVerification to false.",
          guide: BMC_SECURITY,
          commands: [
            `kubectl patch bmh ${facts.host.name} -n ${facts.host.namespace} --type merge -p '{"spec":{"bmc":{"disableCertificateVerification":false}}}'`,
          ],
        },
      }),
    ];
  }
  return [
    okFinding({ ...common, title: 'BMC certificate verified', evidence }),
  ];
}

function redfishOverIpmi(
  subject: CheckSubject,
  facts: HostPracticeFacts,
  spec: HostSpecFacts,
): CheckFinding {
  const common = { check: 'practice.redfish-over-ipmi' as const, subject };
  const base = spec.bmcScheme.toLowerCase().split('+')[0];
  const protocol = getBmcScheme(base)?.protocol;
  const evidence: CheckEvidence[] = [
    { field: 'spec.bmc.address (scheme)', observed: spec.bmcScheme },
  ];
  if (protocol !== 'ipmi') {
    return okFinding({
      ...common,
      title: `Managed over ${
        protocol === 'redfish' ? 'Redfish' : spec.bmcScheme
      }`,
      evidence,
    });
  }
  if (facts.redfish === undefined || isUnavailable(facts.redfish)) {
    return unknownFinding({
      ...common,
      title: `${facts.host.name} uses IPMI; Redfish not checked`,
      evidence,
      missing: `a Redfish answer from ${facts.host.name}'s BMC (/redfish/v1): ${
        facts.redfish ? facts.redfish.unavailable : 'not probed yet'
      }`,
    });
  }
  evidence.push({
    field: 'BMC /redfish/v1',
    observed: facts.redfish.answers ? 'answers' : 'does not answer',
    expected: 'does not answer (IPMI is then the only way)',
    violation: facts.redfish.answers,
  });
  if (!facts.redfish.answers) {
    return okFinding({
      ...common,
      title: 'IPMI: the BMC has no Redfish service',
      evidence,
    });
  }
  const address = `redfish-virtualmedia://${spec.bmcHost ?? '<bmc>'}${
    facts.redfish.systemPath ?? '/redfish/v1/Systems/<id>'
  }`;
  const { name, namespace } = facts.host;
  return problemFinding({
    ...common,
    severity: 'warning',
    title: `${name} is managed over IPMI but its BMC answers Redfish`,
    evidence,
    fix: {
      text: "Use Redfish Virtual Media over IPMI when possible — it's more secure and reliable. The BMC address of a registered host changes only while it is detached.",
      guide: BMC_SECURITY,
      commands: [
        `kubectl annotate bmh ${name} -n ${namespace} baremetalhost.metal3.io/detached=''`,
        `kubectl patch bmh ${name} -n ${namespace} --type merge -p '{"spec":{"bmc":{"address":"${address}"}}}'`,
        `kubectl annotate bmh ${name} -n ${namespace} baremetalhost.metal3.io/detached-`,
      ],
    },
  });
}

function credentialsAge(
  input: HostPracticesInput,
  subject: CheckSubject,
  facts: HostPracticeFacts,
): CheckFinding {
  const common = { check: 'practice.bmc-credentials-age' as const, subject };
  if (isUnavailable(facts.credentials)) {
    return unknownFinding({
      ...common,
      title: `${facts.host.name}: BMC Secret not read`,
      missing: `the BMC credentials Secret of ${facts.host.name}: ${facts.credentials.unavailable}`,
    });
  }
  const secret = facts.credentials;
  const created = secret.createdAt ? Date.parse(secret.createdAt) : NaN;
  if (!Number.isFinite(created)) {
    return unknownFinding({
      ...common,
      title: `${facts.host.name}: BMC Secret age not known`,
      missing: `metadata.creationTimestamp of Secret ${secret.name}`,
    });
  }
  const maxDays =
    input.credentialsMaxAgeDays ?? DEFAULT_BMC_CREDENTIALS_MAX_AGE_DAYS;
  const days = Math.floor((Date.parse(input.now) - created) / 86_400_000);
  const evidence: CheckEvidence[] = [
    {
      field: `Secret ${secret.name} metadata.creationTimestamp`,
      observed: secret.createdAt ?? null,
    },
    {
      field: 'age in days',
      observed: days,
      expected: `≤ ${maxDays}`,
      violation: days > maxDays,
    },
  ];
  if (days <= maxDays) {
    return okFinding({
      ...common,
      title: `BMC credentials ${days} day(s) old`,
      evidence,
    });
  }
  return problemFinding({
    ...common,
    severity: 'warning',
    title: `BMC credentials of ${facts.host.name} are ${days} days old (limit ${maxDays})`,
    evidence,
    fix: {
      text: 'Rotate BMC credentials regularly and store them as Kubernetes Secrets: set a new password on the BMC and run the rotation template (a new Secret, the host re-registers against it, the old Secret is removed only after that succeeds).',
      guide: BMC_SECURITY,
      template: {
        name: FIX_TEMPLATES.rotateBmcCredentials.name,
        action: FIX_TEMPLATES.rotateBmcCredentials.action,
        values: {
          cluster: subject.cluster,
          namespace: facts.host.namespace,
          host: facts.host.name,
        },
      },
    },
  });
}
