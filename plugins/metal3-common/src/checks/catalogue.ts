/**
 * The catalogue of runbook checks: every check the portal runs, where in the
 * Kube-DC guide ("Metal3 Bare-Metal Worker Nodes") it comes from, what it
 * reads and how it is fixed. docs/runbook-checks.md has one row per entry
 * (a test keeps the two in step), and a UI can list the catalogue to say what
 * is checked even where nothing is wrong.
 */
import type { CheckSubjectKind } from './types';

/** Every check id, grouped by theme; stable: stored links and filters use them. @public */
export const CHECK_IDS = [
  'stack.crd-served',
  'stack.controller-ready',
  'image.versioned-name',
  'image.checksum',
  'image.format',
  'image.url-reachable',
  'image.checksum-reachable',
  'network.ready-nodes',
  'network.trunk-nic-covered',
  'network.vlan-subinterfaces',
  'node.worker-labels',
  'remediation.health-check-present',
  'remediation.can-remediate',
  'remediation.health-check-status',
  'remediation.host-remediation',
  'drift.bmc-inventory',
  'drift.catalog-entity',
  'practice.root-device-hints',
  'practice.automated-cleaning',
  'practice.certificate-verification',
  'practice.redfish-over-ipmi',
  'practice.bmc-credentials-age',
  'practice.node-reuse',
  'practice.worker-joined',
] as const;

/** @public */
export type CheckId = (typeof CHECK_IDS)[number];

/** @public */
export type CheckTheme =
  | 'stack'
  | 'image'
  | 'network'
  | 'node'
  | 'remediation'
  | 'drift'
  | 'practice';

/** One check as documentation: what it looks at, where it comes from, how it is fixed. @public */
export interface CheckDefinition {
  id: CheckId;
  theme: CheckTheme;
  /** Short name for lists, e.g. "Required CRDs served". */
  title: string;
  /** The guide's phase or section the check comes from. */
  guide: string;
  /** What the check evaluates, in one or two sentences. */
  evaluates: string;
  /** The Kubernetes objects and fields, or BMC resources, it reads. */
  inputs: string[];
  /** How a problem is fixed: the template the portal runs, or the command. */
  fix: string;
  /** The pages its findings appear on. */
  shownOn: CheckSubjectKind[];
}

/**
 * Templates the fixes name (examples/templates; the scaffolder module's
 * templates test checks each exists with this action and declares the
 * parameters its fixes prefill).
 *
 * @public
 */
export const FIX_TEMPLATES: Record<
  'upgradePool' | 'updateProviderNetwork' | 'rotateBmcCredentials',
  { name: string; action?: string }
> = {
  upgradePool: { name: 'metal3-upgrade-pool', action: 'metal3:pool:upgrade' },
  updateProviderNetwork: {
    name: 'metal3-update-provider-network',
    action: 'metal3:provider-network:update',
  },
  rotateBmcCredentials: {
    name: 'metal3-rotate-bmc-credentials',
    action: 'metal3:host:rotate-credentials',
  },
};

const def = (d: Omit<CheckDefinition, 'theme'>): CheckDefinition => ({
  ...d,
  theme: d.id.split('.')[0] as CheckTheme,
});

/** @public */
export const CHECK_CATALOGUE: Record<CheckId, CheckDefinition> = {
  'stack.crd-served': def({
    id: 'stack.crd-served',
    title: 'Required CRDs served',
    guide: 'Phase 1.3 — Verify Metal3 Stack ("Verify CRDs are installed")',
    evaluates:
      'Each kind the portal reads is served by the API server in a version the portal reads (CAPI and CAPM3: v1beta2 or v1beta1; BMO and IPAM: v1alpha1; Kube-OVN ProviderNetwork: v1).',
    inputs: [
      'CustomResourceDefinition spec.group, spec.names.kind, spec.versions[].served (or API discovery)',
    ],
    fix: 'Install the provider that brings the kind (`clusterctl init --infrastructure metal3 --ipam metal3`, the Kube-DC installer for Cluster API and Kube-OVN).',
    shownOn: ['cluster'],
  }),
  'stack.controller-ready': def({
    id: 'stack.controller-ready',
    title: 'Metal3 controllers running',
    guide:
      'Phase 1.3 — Verify Metal3 Stack ("Check all Metal3 components are running")',
    evaluates:
      'The Deployments of baremetal-operator, Ironic, CAPM3, Metal3 IPAM and the CAPI controller manager (found by configurable namespaces and labels) exist and have all desired replicas ready; their image versions are shown.',
    inputs: [
      'Deployment metadata.labels, spec.template.metadata.labels, spec.replicas, status.readyReplicas, spec.template.spec.containers[].image',
    ],
    fix: 'Look at the pods of the Deployment (`kubectl get pods -n <namespace>`, `kubectl -n <namespace> describe deployment <name>`); install a missing one as in phase 1.1/1.2.',
    shownOn: ['cluster'],
  }),
  'image.versioned-name': def({
    id: 'image.versioned-name',
    title: 'Versioned image name',
    guide:
      'Best Practices — Image Management ("Maintain versioned images (e.g., ubuntu-24.04-rke2-v1.35.0.qcow2)")',
    evaluates:
      'The image file name (or OCI tag) carries a build version or date, and no floating word (latest, current, stable, daily) names it.',
    inputs: [
      'Metal3MachineTemplate spec.template.spec.image.url',
      'BareMetalHost spec.image.url (provisioned hosts)',
    ],
    fix: 'Publish the image under a versioned name and roll the pool to it with the "Upgrade a bare-metal worker pool" template.',
    shownOn: ['image', 'pool', 'host'],
  }),
  'image.checksum': def({
    id: 'image.checksum',
    title: 'Image checksum and type',
    guide:
      'Phase 2.2 — Host the Image; Phase 4.3 — Create Metal3MachineTemplate (checksum, checksumType)',
    evaluates:
      'A checksum (URL or digest) is given unless the format is live-iso or the image is OCI; its type agrees with checksumType; MD5 is not used; every user of the URL gives the same checksum.',
    inputs: [
      'Metal3MachineTemplate spec.template.spec.image.{checksum,checksumType,format}',
      'BareMetalHost spec.image.{checksum,checksumType,format}',
    ],
    fix: 'Publish a sha256sum file beside the image and roll the pool to it with the "Upgrade a bare-metal worker pool" template.',
    shownOn: ['image', 'pool', 'host'],
  }),
  'image.format': def({
    id: 'image.format',
    title: 'Image format matches the file',
    guide: 'Phase 4.3 — Create Metal3MachineTemplate (format: qcow2)',
    evaluates:
      'The format is set and agrees with the file name (.qcow2 → qcow2, .raw → raw, .iso → live-iso, .img → qcow2 or raw); every user of the URL gives the same format.',
    inputs: [
      'Metal3MachineTemplate spec.template.spec.image.{url,format}',
      'BareMetalHost spec.image.{url,format}',
    ],
    fix: 'Roll the pool to the same image with the right format with the "Upgrade a bare-metal worker pool" template.',
    shownOn: ['image', 'pool', 'host'],
  }),
  'image.url-reachable': def({
    id: 'image.url-reachable',
    title: 'Image URL answers',
    guide:
      'Phase 2.2 — Host the Image ("Make the image available via HTTP from a server reachable by Ironic"); Best Practices — Image Management',
    evaluates:
      'A HEAD request to the image URL (through the SSRF guard, from the portal) answers 2xx.',
    inputs: ['HEAD result for image.url (status or error)'],
    fix: 'Serve the image from a local HTTP server reachable by Ironic, or correct the URL in the pool template.',
    shownOn: ['image', 'pool', 'host'],
  }),
  'image.checksum-reachable': def({
    id: 'image.checksum-reachable',
    title: 'Checksum URL answers',
    guide:
      'Phase 2.2 — Host the Image ("sha256sum noble-server-cloudimg-amd64.img > ….sha256sum")',
    evaluates:
      'When the checksum is a URL, a HEAD request to it answers 2xx (Ironic downloads it before writing the image).',
    inputs: ['HEAD result for image.checksum (status or error)'],
    fix: 'Publish the checksum file next to the image (`sha256sum <image> > <image>.sha256sum`).',
    shownOn: ['image', 'pool', 'host'],
  }),
  'network.ready-nodes': def({
    id: 'network.ready-nodes',
    title: 'ProviderNetwork ready on every node',
    guide:
      'Phase 5.1 — Update ProviderNetwork ("Verify all nodes (masters + workers) are ready in the ProviderNetwork")',
    evaluates:
      'Every node of the cluster that the ProviderNetwork does not exclude is in status.readyNodes.',
    inputs: [
      'ProviderNetwork spec.excludeNodes, status.readyNodes, status.notReadyNodes',
      'Node names',
    ],
    fix: 'Check the kube-ovn-cni pod of the node (`kubectl get pods -n kube-system -l app=kube-ovn-cni --field-selector spec.nodeName=<node>`) and its trunk NIC.',
    shownOn: ['provider-network', 'host'],
  }),
  'network.trunk-nic-covered': def({
    id: 'network.trunk-nic-covered',
    title: "Worker's trunk NIC in the ProviderNetwork",
    guide:
      'Phase 5.1 — Update ProviderNetwork; Troubleshooting — Kube-OVN Not Working on Worker ("Worker\'s trunk NIC not matched in ProviderNetwork")',
    evaluates:
      "The interface Kube-OVN uses on the worker (its customInterfaces entry, else defaultInterface) exists on the worker's host, has no address and is not the boot NIC.",
    inputs: [
      'ProviderNetwork spec.defaultInterface, spec.customInterfaces',
      'BareMetalHost status.hardware.nics[] (name, mac, ip, speedGbps), spec.bootMACAddress',
      'Machine status.nodeRef (node name)',
    ],
    fix: "Run the ProviderNetwork update template, prefilled to add a customInterfaces entry for the worker's trunk NIC (action metal3:provider-network:update).",
    shownOn: ['host', 'pool', 'provider-network'],
  }),
  'network.vlan-subinterfaces': def({
    id: 'network.vlan-subinterfaces',
    title: 'VLANs on the ProviderNetwork',
    guide:
      'Phase 5.3 — Verify Worker Networking ("Check that VLAN subinterfaces were created")',
    evaluates:
      'status.vlans lists the VLANs that use the ProviderNetwork (all the expected ones, when configured).',
    inputs: ['ProviderNetwork status.vlans'],
    fix: "Create the missing Vlan objects with `provider: <network>` (Kube-OVN), then check `kubectl get provider-networks <network> -o jsonpath='{.status.vlans}'`.",
    shownOn: ['provider-network'],
  }),
  'node.worker-labels': def({
    id: 'node.worker-labels',
    title: 'Worker node labels',
    guide: 'Phase 5.2 — Node Labels',
    evaluates:
      'A worker Node carries no control-plane label (kube-ovn/role=master, kube-dc-manager=true) and carries node-role.kubernetes.io/worker. The rules are data and can be configured.',
    inputs: ['Node metadata.labels of each worker'],
    fix: '`kubectl label node <node> kube-ovn/role- kube-dc-manager-` and `kubectl label node <node> node-role.kubernetes.io/worker=true`.',
    shownOn: ['host', 'pool'],
  }),
  'remediation.health-check-present': def({
    id: 'remediation.health-check-present',
    title: 'Pool has a MachineHealthCheck',
    guide: 'Phase 6.2 — Create MachineHealthCheck',
    evaluates:
      "A MachineHealthCheck selects the pool's machines, with a remediation template.",
    inputs: [
      'MachineHealthCheck spec.selector, spec.remediationTemplate (v1beta2 spec.remediation.templateRef)',
    ],
    fix: "Apply the guide's Metal3RemediationTemplate and MachineHealthCheck for the pool (phase 6.1, 6.2).",
    shownOn: ['pool'],
  }),
  'remediation.can-remediate': def({
    id: 'remediation.can-remediate',
    title: 'Health check can remediate',
    guide:
      'Phase 6.2 — Create MachineHealthCheck ("maxUnhealthy: 40%" — 0 machines on 2 replicas)',
    evaluates:
      "maxUnhealthy (v1beta2 unhealthyLessThanOrEqualTo) scaled to the pool's size, rounded down as Cluster API does, allows at least one remediation; an unhealthyRange can be reached.",
    inputs: [
      'MachineHealthCheck spec.maxUnhealthy / spec.unhealthyRange (v1beta2 under spec.remediation.triggerIf), status.expectedMachines',
      'MachineDeployment spec.replicas',
    ],
    fix: 'Raise maxUnhealthy so it allows one machine at the pool\'s size (e.g. `kubectl patch machinehealthcheck … -p \'{"spec":{"maxUnhealthy":"50%"}}\'`).',
    shownOn: ['pool'],
  }),
  'remediation.health-check-status': def({
    id: 'remediation.health-check-status',
    title: 'Health check status',
    guide:
      'Phase 6.4 — Monitor Health Checks; Best Practices — Monitoring and Alerting ("targets count and current healthy/unhealthy ratios")',
    evaluates:
      'Expected vs healthy machines and remediations allowed; a problem while machines are unhealthy, an error when remediation is short-circuited.',
    inputs: [
      'MachineHealthCheck status.expectedMachines, status.currentHealthy, status.remediationsAllowed',
    ],
    fix: 'Look at the unhealthy machines (`kubectl get machines -n <namespace> -o wide`) and their Metal3Remediations.',
    shownOn: ['pool'],
  }),
  'remediation.host-remediation': def({
    id: 'remediation.host-remediation',
    title: 'Remediation of the host',
    guide:
      'Phase 6.3 — How Remediation Works; Phase 6.4 ("Check for active remediations")',
    evaluates:
      "The host's active Metal3Remediation (phase, retry count against the retry limit, time since it started) and its past remediations.",
    inputs: [
      'Metal3Remediation status.phase, status.retryCount, status.lastRemediated, metadata.creationTimestamp',
      'Metal3RemediationTemplate spec.template.spec.retryLimit',
    ],
    fix: 'Watch the host power-cycle; if it does not come back, check its BMC and console (`kubectl get metal3remediation -n <namespace>`).',
    shownOn: ['host', 'pool'],
  }),
  'drift.bmc-inventory': def({
    id: 'drift.bmc-inventory',
    title: 'BMC agrees with the inventory',
    guide:
      'Phase 3.3 — Wait for Inspection ("Collected hardware inventory"); Information to Collect ("BMC hardware inventory")',
    evaluates:
      "What the host's BMC reports (serial, manufacturer, model, NIC MACs, power state) equals the BareMetalHost's inspected inventory and power state.",
    inputs: [
      'BMC Systems/<id> SerialNumber, Manufacturer, Model, PowerState, EthernetInterfaces MACAddress (IPMI FRU and chassis status)',
      'BareMetalHost status.hardware.systemVendor, status.hardware.nics[].mac, status.poweredOn',
    ],
    fix: 'If the hardware was changed, re-inspect the host (annotation inspect.metal3.io); if the serial differs, the BMC address may point at another server.',
    shownOn: ['host'],
  }),
  'drift.catalog-entity': def({
    id: 'drift.catalog-entity',
    title: 'Catalog entity agrees with the cluster',
    guide:
      "— (the portal's own: the catalog shows the stable facts of each host)",
    evaluates:
      "Each stable fact of the host's catalog entity (pool, owner, BMC protocol and host, hardware summary) equals the same fact read from the cluster.",
    inputs: ['Catalog entity spec/annotations', 'BareMetalHost and its pool'],
    fix: 'Refresh the entity in the catalog; if it stays different, check the entity provider of the cluster.',
    shownOn: ['host'],
  }),
  'practice.root-device-hints': def({
    id: 'practice.root-device-hints',
    title: 'Root device hints on multi-disk hosts',
    guide:
      'Best Practices — Disk Management ("Set rootDeviceHints … especially on servers with multiple drives")',
    evaluates: 'A host with more than one disk has spec.rootDeviceHints.',
    inputs: ['BareMetalHost status.hardware.storage[], spec.rootDeviceHints'],
    fix: "Set spec.rootDeviceHints (e.g. `minSizeGigabytes: 100`, or the disk's serialNumber or hctl) on the BareMetalHost.",
    shownOn: ['host'],
  }),
  'practice.automated-cleaning': def({
    id: 'practice.automated-cleaning',
    title: 'Automated cleaning on',
    guide:
      'Best Practices — Disk Management ("Use automatedCleaningMode: metadata")',
    evaluates:
      'automatedCleaningMode is not disabled (on the host, or on the pool template that CAPM3 copies to it).',
    inputs: [
      'BareMetalHost spec.automatedCleaningMode',
      'Metal3MachineTemplate spec.template.spec.automatedCleaningMode',
    ],
    fix: 'Set `automatedCleaningMode: metadata` on the host (and on the pool template).',
    shownOn: ['host'],
  }),
  'practice.certificate-verification': def({
    id: 'practice.certificate-verification',
    title: 'BMC certificate verified',
    guide:
      'Best Practices — BMC Security ("Enable TLS on BMC interfaces and avoid disableCertificateVerification: true in production")',
    evaluates:
      'A Redfish-family BMC is reached over HTTPS (no `+http` scheme) with its certificate verified (spec.bmc.disableCertificateVerification is not true). IPMI has no TLS: no finding.',
    inputs: [
      'BareMetalHost spec.bmc.address (scheme), spec.bmc.disableCertificateVerification',
    ],
    fix: 'Give the BMC a certificate Ironic trusts, then set disableCertificateVerification to false; use the HTTPS form of the scheme.',
    shownOn: ['host'],
  }),
  'practice.redfish-over-ipmi': def({
    id: 'practice.redfish-over-ipmi',
    title: 'Redfish instead of IPMI',
    guide:
      'Best Practices — BMC Security ("Use Redfish Virtual Media over IPMI when possible")',
    evaluates:
      'A host managed over IPMI whose BMC also answers Redfish (/redfish/v1) is flagged.',
    inputs: [
      'BareMetalHost spec.bmc.address (scheme)',
      'Redfish service root probe of the BMC',
    ],
    fix: 'Detach the host, change spec.bmc.address to redfish-virtualmedia://<bmc>/redfish/v1/Systems/<id>, re-attach.',
    shownOn: ['host'],
  }),
  'practice.bmc-credentials-age': def({
    id: 'practice.bmc-credentials-age',
    title: 'BMC credentials rotated',
    guide:
      'Best Practices — BMC Security ("Rotate BMC credentials regularly and store them as Kubernetes Secrets")',
    evaluates:
      "The host's BMC credentials Secret is younger than the configured age (default 90 days).",
    inputs: ['Secret metadata.creationTimestamp (spec.bmc.credentialsName)'],
    fix: 'Run the "Rotate BMC credentials" template (metal3-rotate-bmc-credentials): a new Secret, the host re-registers against it, the old Secret goes after success.',
    shownOn: ['host'],
  }),
  'practice.node-reuse': def({
    id: 'practice.node-reuse',
    title: 'Upgrades reuse the servers',
    guide:
      'Best Practices — Node Reuse ("Enable this by using the scale-in upgrade strategy on MachineDeployments")',
    evaluates:
      "The pool's Metal3MachineTemplate has nodeReuse: true and the MachineDeployment deletes before it creates (RollingUpdate with maxSurge 0, or OnDelete).",
    inputs: [
      'Metal3MachineTemplate spec.nodeReuse',
      'MachineDeployment spec.strategy (v1beta2 spec.rollout.strategy)',
    ],
    fix: '`kubectl patch metal3machinetemplate … -p \'{"spec":{"nodeReuse":true}}\'` and set maxSurge 0 / maxUnavailable 1 on the MachineDeployment.',
    shownOn: ['pool'],
  }),
  'practice.worker-joined': def({
    id: 'practice.worker-joined',
    title: 'Provisioned worker joined',
    guide: 'Troubleshooting — Worker Node Not Joining Cluster',
    evaluates:
      "A Machine whose host is provisioned (providerID set) has a Node within the configured time (default 30 minutes, the guide's nodeStartupTimeout).",
    inputs: [
      'Machine spec.providerID, status.nodeRef, the time its infrastructure became provisioned',
    ],
    fix: "The guide's causes: wrong join token in the cloud-init userData, master-1 unreachable on the management network, DNS failing on the worker; read `journalctl -u rke2-agent` on the worker.",
    shownOn: ['host', 'pool'],
  }),
};
