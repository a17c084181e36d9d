import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { resolve } from 'node:path';
import { DEFAULT_SPEED, RunningLab, startLab } from '../startLab';
import { LabPortTakenError } from '../portTaken';

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
        let lab: RunningLab;
        try {
          lab = await startLab({
            basePort: config.getOptionalNumber('metal3.lab.port') ?? 6443,
            speed:
              config.getOptionalNumber('metal3.lab.speed') ?? DEFAULT_SPEED,
            hosts: config.getOptionalNumber('metal3.lab.hosts') ?? 0,
            ipmiSim: config.getOptionalBoolean('metal3.lab.ipmiSim') ?? false,
            unenrolledServers:
              config.getOptionalNumber('metal3.lab.unenrolledServers') ?? 3,
            ...(stateDir && { stateDir: resolve(stateDir) }),
          });
        } catch (error) {
          // The portal runs without its lab rather than not at all: one
          // error says what is wrong and how to fix it.
          logger.error(labStartFailure(error));
          return;
        }
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

/** The one log line of a lab that did not start: the cause and the fix. */
export function labStartFailure(error: unknown): string {
  if (error instanceof LabPortTakenError) {
    const fix =
      error.configKey === 'metal3.lab.port'
        ? `Stop the process that holds it (another \`yarn lab\`, kind, k3d, Docker Desktop's Kubernetes) or set ${error.configKey} to a free port (the lab takes it and the next one).`
        : `Stop the process that holds it (another \`yarn lab\` or portal) or set ${error.configKey} to 0.`;
    return `The Metal3 lab did not start: ${error.message}. ${fix} The portal runs without the lab.`;
  }
  return `The Metal3 lab did not start: ${
    (error as Error)?.message ?? error
  }. The portal runs without the lab.`;
}
