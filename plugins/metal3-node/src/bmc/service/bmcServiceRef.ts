import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { metal3ClusterServiceRef } from '../../cluster/metal3ClusterServiceRef';
import { createBmcReader } from '../createBmcReader';
import { ssrfGuardFromConfig } from '../ssrf';
import { readBmcSettings } from './bmcConfig';
import { DefaultMetal3BmcService, Metal3BmcService } from './Metal3BmcService';

/**
 * Read-only BMC access (preflight, telemetry) shared by the backend plugin
 * and the scaffolder module. Root-scoped like the cluster service: one
 * telemetry cache and one fan-out limit per process.
 *
 * @public
 */
export const metal3BmcServiceRef = createServiceRef<Metal3BmcService>({
  id: 'metal3.bmc',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        clusters: metal3ClusterServiceRef,
      },
      factory({ config, clusters }) {
        const settings = readBmcSettings(config);
        const guard = ssrfGuardFromConfig(config);
        return new DefaultMetal3BmcService({
          clusters,
          guard,
          cacheSeconds: settings.telemetry.cacheSeconds,
          maxInFlight: settings.telemetry.maxInFlight,
          hostDeadlineMs: settings.telemetry.hostDeadlineMs,
          openReader: (target, { signal, preferBasicAuth }) =>
            createBmcReader(target, {
              guard,
              signal,
              preferBasicAuth,
              requestTimeoutMs: settings.requestTimeoutMs,
              connectTimeoutMs: settings.connectTimeoutMs,
              retries: settings.retries,
              maxLogEntries: settings.maxLogEntries,
              maxResponseBytes: settings.maxResponseBytes,
              ipmi: settings.ipmi,
            }),
        });
      },
    }),
});
