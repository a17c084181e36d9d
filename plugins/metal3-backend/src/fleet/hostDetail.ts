import {
  HostDetailDto,
  HostHardwareDetailsDto,
  HostSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  HostLinks,
} from '@metal3-fleet/plugin-metal3-node';

/** What the host page needs beyond the fleet row, read live per request. */
export interface HostDetailFacts {
  host: BareMetalHostProjection;
  links: HostLinks;
  /** NICs and disks, or why they could not be read. */
  hardware: {
    hardwareDetails?: HostHardwareDetailsDto;
    hardwareError?: string;
  };
  /** Pods a drain would evict; undefined when unreadable or without a node. */
  podCount?: number;
  stale: boolean;
}

/** The body of `GET /hosts/{cluster}/{namespace}/{name}`. Pure. */
export function buildHostDetail(
  row: HostSummaryDto,
  facts: HostDetailFacts,
): HostDetailDto {
  const { host, links, hardware, podCount } = facts;
  return {
    ...row,
    ...(facts.stale && { stale: true }),
    hardwareDetails: hardware.hardwareDetails,
    hardwareError: hardware.hardwareError,
    operationHistory: host.operationHistory,
    errorMessage: host.errorMessage,
    annotations: host.annotations,
    bootMode: host.bootMode,
    imageUrl: host.imageUrl,
    automatedCleaningMode: host.automatedCleaningMode,
    metal3Machine: links.metal3Machine?.name,
    machinePhase: links.machine?.phase,
    node: links.node && {
      name: links.node.name,
      ready: links.node.ready,
      unschedulable: links.node.unschedulable,
      kubeletVersion: links.node.kubeletVersion,
      addresses: links.node.addresses,
      // What maintenance would evict, for the confirmation dialogs.
      podCount,
    },
  };
}
