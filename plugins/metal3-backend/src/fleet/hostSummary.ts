import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  OwnerResolver,
  bmcSummary,
  HostSummaryDto,
  metal3EntityName,
} from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  HostLinks,
  hostStatusInput,
} from '@metal3-fleet/plugin-metal3-node';

import { sharedHostStatus } from './sharedStatus';

const GIB_IN_MIB = 1024;

/**
 * A fleet-table row as the index keeps it: without `entityRef`, which is
 * derived from the identity when a row is served (one string less per host
 * in memory; pages are 50 rows).
 */
export type StoredHostSummary = Omit<HostSummaryDto, 'entityRef'>;

/** The row as the API serves it. */
export function servedHostSummary(row: StoredHostSummary): HostSummaryDto {
  return {
    ...row,
    entityRef: stringifyEntityRef({
      kind: 'resource',
      namespace: 'default',
      name: metal3EntityName(row.cluster, row.namespace, row.name),
    }),
  };
}

/**
 * The fleet-table row of one host, from its projection and links. Pure; the
 * time-dependent fields (time in state, stuck) are added per request.
 */
export function buildHostSummary(
  cluster: string,
  host: BareMetalHostProjection,
  links: HostLinks,
  ownerOf: OwnerResolver,
): StoredHostSummary {
  const namespace = host.namespace ?? '';
  const hw = host.hardware;
  const bmc = bmcSummary(host.bmcAddress);
  return {
    cluster,
    namespace,
    name: host.name,
    status: sharedHostStatus(hostStatusInput(host, links.node?.unschedulable)),
    provisioningState: host.provisioningState,
    online: host.online,
    ...(links.pool && {
      pool: {
        cluster,
        namespace: links.pool.namespace ?? namespace,
        name: links.pool.name,
      },
    }),
    ...(links.machine && { machine: links.machine.name }),
    ...(links.node && {
      node: {
        name: links.node.name,
        ready: links.node.ready,
        unschedulable: links.node.unschedulable,
      },
    }),
    owner: ownerOf(host.labels, host.annotations),
    bmc: { ...bmc, address: host.bmcAddress },
    bootMACAddress: host.bootMACAddress,
    ...(hw && {
      hardware: {
        manufacturer: hw.manufacturer,
        productName: hw.productName,
        serialNumber: hw.serialNumber,
        cpuModel: hw.cpuModel,
        cpuCores: hw.cpuCount,
        ramGiB: hw.ramMebibytes
          ? Math.round(hw.ramMebibytes / GIB_IN_MIB)
          : undefined,
        diskCount: hw.diskCount,
        diskTotalBytes: hw.diskTotalBytes,
        nicCount: hw.nicCount,
      },
    }),
    labels: host.labels,
  };
}
