import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_METAL3_BMC_HOST,
  bmcSummary,
  ANNOTATION_METAL3_BMC_PROTOCOL,
  ANNOTATION_METAL3_BOOT_MAC,
  ANNOTATION_METAL3_HARDWARE_PREFIX,
  ANNOTATION_METAL3_POOL,
  METAL3_ANNOTATION_PREFIX,
  METAL3_ENTITY_TYPES,
  metal3EntityName,
} from '@internal/plugin-metal3-common';
import {
  BareMetalHostProjection,
  HostLinks,
} from '@internal/plugin-metal3-node';
import {
  baseAnnotations,
  compact,
  labelValue,
  MapperContext,
  resourceRef,
} from './common';

const GIB = 1024 ** 3;

/**
 * A BareMetalHost as a `Resource` of type `baremetal-host`. Stable facts only:
 * identity, pool, owner, BMC protocol and host, boot MAC and the hardware
 * summary. Provisioning state, power and errors are served live by the
 * backend, so none of them is read here and a status change maps to an equal
 * entity (and no catalog write).
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
  const hardware = compact({
    vendor: hw?.manufacturer,
    model: hw?.productName,
    serial: hw?.serialNumber,
    'cpu-model': hw?.cpuModel,
    'cpu-cores': hw?.cpuCount?.toString(),
    'ram-gib': hw?.ramMebibytes
      ? Math.round(hw.ramMebibytes / 1024).toString()
      : undefined,
    'disk-count': hw?.diskCount.toString(),
    'disk-total-gb': hw ? Math.round(diskBytes / 1e9).toString() : undefined,
    'nic-count': hw?.nicCount.toString(),
  });

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: metal3EntityName(context.cluster, host.namespace, host.name),
      title: host.name,
      description: describeHost(host.name, context.cluster, hw, diskBytes),
      annotations: {
        ...baseAnnotations(context, 'BareMetalHost', host.namespace, host.name),
        ...compact({
          [ANNOTATION_METAL3_BMC_PROTOCOL]: bmc.protocol,
          [ANNOTATION_METAL3_BMC_HOST]: bmc.host,
          [ANNOTATION_METAL3_BOOT_MAC]: host.bootMACAddress,
          [ANNOTATION_METAL3_POOL]: poolRef,
        }),
        ...Object.fromEntries(
          Object.entries(hardware).map(([k, v]) => [
            `${ANNOTATION_METAL3_HARDWARE_PREFIX}${k}`,
            v,
          ]),
        ),
      },
      labels: compact({
        [`${METAL3_ANNOTATION_PREFIX}/cluster`]: labelValue(context.cluster),
        [`${METAL3_ANNOTATION_PREFIX}/vendor`]: labelValue(hw?.manufacturer),
        [`${METAL3_ANNOTATION_PREFIX}/cpu-cores`]: labelValue(hw?.cpuCount),
        [`${METAL3_ANNOTATION_PREFIX}/ram-gib`]: labelValue(
          hardware['ram-gib'],
        ),
        [`${METAL3_ANNOTATION_PREFIX}/bmc-protocol`]: labelValue(bmc.protocol),
        [`${METAL3_ANNOTATION_PREFIX}/pool`]: labelValue(links.pool?.name),
      }),
      tags: [
        'baremetal',
        ...[labelValue(bmc.protocol), labelValue(hw?.manufacturer)].filter(
          (t): t is string => Boolean(t),
        ),
      ],
      links: [
        {
          url: `${context.appBaseUrl}/metal3/hosts/${context.cluster}/${host.namespace}/${host.name}`,
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
      // the time of plain entities); the cluster annotation and the
      // metal3.backstage.io/cluster label keep free hosts findable per cluster.
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
