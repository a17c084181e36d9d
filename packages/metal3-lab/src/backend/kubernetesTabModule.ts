import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  ClusterDetails,
  kubernetesClusterSupplierExtensionPoint,
} from '@backstage/plugin-kubernetes-node';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../startLab';

/**
 * Lets Backstage's Kubernetes plugin read the lab's clusters with the lab's
 * current bearer token. The clusters themselves are declared in
 * app-config.lab.yaml (`kubernetes.clusterLocatorMethods`, URL, CA file,
 * custom resources, `authProvider: serviceAccount` without a token); this
 * module fills in `serviceAccountToken` from `.lab/<cluster>/token` on every
 * request. Why not `serviceAccountToken: {$file: ...}` in the config: the
 * config is read before the lab starts (a fresh clone has no token file yet,
 * and the backend would not start), and `yarn lab rotate-token` replaces the
 * file while the backend runs. Only the development backend adds this module,
 * and only with `metal3.lab.enabled`.
 *
 * @public
 */
export const labKubernetesTabModule = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'metal3-lab-token',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        clusterSuppliers: kubernetesClusterSupplierExtensionPoint,
      },
      async init({ config, clusterSuppliers }) {
        if (!config.getOptionalBoolean('metal3.lab.enabled')) return;
        const stateDir = resolve(
          config.getOptionalString('metal3.lab.stateDir') ??
            join(REPO_ROOT, '.lab'),
        );
        clusterSuppliers.addClusterSupplier(async ({ getDefault }) => {
          const configured = await getDefault();
          return {
            async getClusters(options) {
              const clusters = await configured.getClusters(options);
              return clusters.map(c => withLabToken(c, stateDir));
            },
          };
        });
      },
    });
  },
});

/**
 * A configured cluster with the lab's token when it is one of the lab's
 * clusters (a state folder of that name holds a token) and the config gives
 * it no token of its own; any other cluster unchanged.
 */
export function withLabToken(
  cluster: ClusterDetails,
  stateDir: string,
): ClusterDetails {
  const metadata = cluster.authMetadata;
  if (
    metadata['kubernetes.io/auth-provider'] !== 'serviceAccount' ||
    metadata.serviceAccountToken
  ) {
    return cluster;
  }
  const tokenFile = join(stateDir, cluster.name, 'token');
  if (!existsSync(tokenFile)) {
    // The plugin would otherwise fall back to an in-cluster ServiceAccount
    // and fail with a message about KUBERNETES_SERVICE_HOST.
    throw new Error(
      `Kubernetes cluster ${cluster.name}: no lab token at ${tokenFile}. The lab has not started (see the backend log for why; metal3.lab.enabled, metal3.lab.port), or kubernetes.clusterLocatorMethods names a cluster the lab does not run (its clusters are kube-dc-mgmt and edge-lab).`,
    );
  }
  return {
    ...cluster,
    authMetadata: {
      ...metadata,
      serviceAccountToken: readFileSync(tokenFile, 'utf8').trim(),
    },
  };
}
