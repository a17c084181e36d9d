import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { resolve } from 'node:path';
import { DEFAULT_SPEED, startLab } from '../startLab';

/**
 * Runs the lab beside the portal backend when `metal3.lab.enabled` is true,
 * so that `yarn start` on a fresh clone shows a bare-metal fleet. The lab
 * writes a kubeconfig that `metal3.clusters[]` entries point at.
 *
 * @public
 */
export const labBackendPlugin = createBackendPlugin({
  pluginId: 'metal3-lab',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, lifecycle }) {
        if (!config.getOptionalBoolean('metal3.lab.enabled')) return;
        const stateDir = config.getOptionalString('metal3.lab.stateDir');
        const lab = await startLab({
          basePort: config.getOptionalNumber('metal3.lab.port') ?? 6443,
          speed: config.getOptionalNumber('metal3.lab.speed') ?? DEFAULT_SPEED,
          hosts: config.getOptionalNumber('metal3.lab.hosts') ?? 0,
          ipmiSim: config.getOptionalBoolean('metal3.lab.ipmiSim') ?? false,
          unenrolledServers:
            config.getOptionalNumber('metal3.lab.unenrolledServers') ?? 3,
          ...(stateDir && { stateDir: resolve(stateDir) }),
        });
        logger.info(
          `Lab running: ${lab.clusters
            .map(c => `${c.name} at ${c.url}`)
            .join(', ')}; kubeconfig ${lab.kubeconfigPath}`,
        );
        for (const server of lab.unenrolled) {
          logger.info(
            `Lab server ready to enroll: ${server.address} (user ${server.username}, boot MAC ${server.bootMACAddress})`,
          );
        }
        lifecycle.addShutdownHook(() => lab.stop());
      },
    });
  },
});
