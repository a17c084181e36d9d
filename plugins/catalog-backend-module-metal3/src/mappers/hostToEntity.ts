import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_METAL3_BMC_HOST,
  ANNOTATION_METAL3_BOOT_MAC,
  ANNOTATION_METAL3_HARDWARE_PREFIX,
  bmcSummary,
  LABEL_METAL3_BMC_PROTOCOL,
  LABEL_METAL3_HARDWARE_PREFIX,
  METAL3_ENTITY_TYPES,
  metal3EntityName,
} from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  fleetPagePath,
  HostLinks,
} from '@metal3-fleet/plugin-metal3-node';
import {
  baseAnnotations,
  compact,
  labelValue,
  MapperContext,
  prefixKeys,
  resourceRef,
} from './common';
import { hostLabelSelector } from './kubernetesSelector';

const GIB = 1024 ** 3;

/**
 * A BareMetalHost as a `Resource` of type `baremetal-host`. Stable facts only:
 * identity, pool, owner, BMC protocol and host, boot MAC and the hardware
 * summary. Provisioning state, power and errors are served live by the
 * backend, so none of them is read here and a status change maps to an equal
 * entity (and no catalog write).
 *
 * Each fact is here once, where a catalog filter can use it: free text
 * (vendor, model, serial, CPU model, BMC host, boot MAC) as annotations,
 * short values (BMC protocol and the counts) as labels, cluster and namespace
 * as the Kubernetes plugin's annotations (with the label selector of its
 * objects, ./kubernetesSelector.ts), the pool as the `dependencyOf`
 * relation. No tags and no copies: every field is a row in each of the
 * catalog's search indexes, and at 10,000 hosts the catalog's time grows with
 * them (docs/benchmarks.md, "Catalog").
 */
export function hostToEntity(
  host: BareMetalHostProjection,
  links: Pick<HostLinks, 'pool'>,
  context: MapperContext,
): Entity {
  const bmc = bmcSummary(host.bmcAddress);
  const hw = host.hardware;
  const diskBytes = hw?.diskTotalBytes ?? 0;
  const poolRef = links.pool
    ? resourceRef(context.cluster, links.pool.namespace, links.pool.name)
    : undefined;
  const hardwareText = compact({
    vendor: hw?.manufacturer,
    model: hw?.productName,
    serial: hw?.serialNumber,
    'cpu-model': hw?.cpuModel,
  });
  const hardwareCounts = compact({
    'cpu-cores': labelValue(hw?.cpuCount),
    'ram-gib': labelValue(
      hw?.ramMebibytes ? Math.round(hw.ramMebibytes / 1024) : undefined,
    ),
    'disk-count': labelValue(hw?.diskCount),
    'disk-total-gb': labelValue(hw ? Math.round(diskBytes / 1e9) : undefined),
    'nic-count': labelValue(hw?.nicCount),
  });

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: metal3EntityName(context.cluster, host.namespace, host.name),
      title: host.name,
      description: describeHost(host.name, context.cluster, hw, diskBytes),
      annotations: {
        ...baseAnnotations(context, host.namespace, host.name),
        ...compact({
          'backstage.io/kubernetes-label-selector': hostLabelSelector(host),
          [ANNOTATION_METAL3_BMC_HOST]: bmc.host,
          [ANNOTATION_METAL3_BOOT_MAC]: host.bootMACAddress,
        }),
        ...prefixKeys(ANNOTATION_METAL3_HARDWARE_PREFIX, hardwareText),
      },
      labels: {
        ...compact({ [LABEL_METAL3_BMC_PROTOCOL]: labelValue(bmc.protocol) }),
        ...prefixKeys(LABEL_METAL3_HARDWARE_PREFIX, hardwareCounts),
      },
      links: [
        {
          url: fleetPagePath(context.fleetUrl, 'hosts', {
            cluster: context.cluster,
            namespace: host.namespace,
            name: host.name,
          }),
          title: 'Live status and operations',
        },
      ],
    },
    spec: {
      type: METAL3_ENTITY_TYPES.host,
      owner: context.ownerOf(host.labels, host.annotations),
      // A claimed host serves its pool. A free host has no relation: linking
      // thousands of hosts to their cluster entity makes the catalog re-stitch
      // that one entity for each of them (the catalog benchmark measured 1.55×
      // the time of plain entities); the Kubernetes cluster annotation keeps
      // free hosts findable per cluster.
      ...(poolRef && { dependencyOf: [poolRef] }),
    },
  };
}

function describeHost(
  name: string,
  cluster: string,
  hw: BareMetalHostProjection['hardware'],
  diskBytes: number,
): string {
  if (!hw) return `Bare-metal host ${name} in ${cluster} (not inspected yet)`;
  const parts = [
    [hw.manufacturer, hw.productName].filter(Boolean).join(' '),
    hw.cpuCount ? `${hw.cpuCount} cores` : undefined,
    hw.ramMebibytes
      ? `${Math.round(hw.ramMebibytes / 1024)} GiB RAM`
      : undefined,
    hw.diskCount
      ? `${hw.diskCount} disks, ${Math.round(diskBytes / GIB)} GiB`
      : undefined,
  ].filter(Boolean);
  return `Bare-metal host in ${cluster}: ${parts.join(', ')}`;
}
