import type { HostStatusInput } from '@metal3-fleet/plugin-metal3-common';
import type { BareMetalHostProjection } from './bareMetalHost';

/**
 * What the status model (describeHost of metal3-common) reads of a
 * projected BareMetalHost, in one place: the fleet rows, the fleet events
 * and the search documents describe a host from the same fields.
 * `maintenance`: the host's Node is cordoned (known only where the host's
 * links are).
 *
 * @public
 */
export function hostStatusInput(
  host: BareMetalHostProjection,
  maintenance?: boolean,
): HostStatusInput {
  return {
    provisioningState: host.provisioningState,
    operationalStatus: host.operationalStatus,
    errorType: host.errorType,
    errorMessage: host.errorMessage,
    errorCount: host.errorCount,
    poweredOn: host.poweredOn,
    online: host.online,
    annotations: host.annotations,
    consumer: host.consumerRef,
    ...(maintenance !== undefined && { maintenance }),
  };
}
