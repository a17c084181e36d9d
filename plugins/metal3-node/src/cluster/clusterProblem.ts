import type { ClusterProblemDto } from '@metal3-fleet/plugin-metal3-common';
import type { Metal3ClusterConfig } from '../config';
import { crdName } from './discoveryPlan';
import {
  ClusterConfigError,
  configKey,
  describeError,
  KubeApiError,
} from './kube';
import { IN_CLUSTER_FILES } from './kube/credentialFiles';
import type { ResourceName } from './resourceTypes';

/**
 * What stops the portal from reading a cluster, said so an operator can fix
 * it: which cluster, which config key or CRD, and what to do. Never holds a
 * credential. The REST API serves it as is.
 *
 * @public
 */
export type ClusterProblem = ClusterProblemDto;

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
]);

const TLS =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL/;

/** Where the API server's URL comes from, as the operator would edit it. */
function serverKey(cluster: Metal3ClusterConfig): string {
  switch (cluster.authProvider) {
    case 'serviceAccount':
      return configKey(cluster, 'url');
    case 'kubeconfig':
      return `the server of ${
        cluster.context ? `context "${cluster.context}"` : 'the current context'
      } in ${cluster.kubeconfigFile} (${configKey(
        cluster,
        'kubeconfig.file',
      )})`;
    default:
      return 'KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT (inCluster)';
  }
}

function refreshSeconds(cluster: Metal3ClusterConfig): number {
  return cluster.credentialsRefreshSeconds ?? 60;
}

function unauthorizedFix(cluster: Metal3ClusterConfig): string {
  const key = configKey(cluster);
  const rereads = `the portal re-reads it after every 401 and checks it every ${refreshSeconds(
    cluster,
  )} s, so no restart is needed`;
  switch (cluster.authProvider) {
    case 'kubeconfig':
      return `The credentials of ${
        cluster.context ? `context "${cluster.context}"` : 'the current context'
      } in ${
        cluster.kubeconfigFile
      } (${key}.kubeconfig.file) expired or were rotated. Write the current ones into that file: ${rereads}. For an exec or OIDC user, check that \`kubectl --kubeconfig ${
        cluster.kubeconfigFile
      }${
        cluster.context ? ` --context ${cluster.context}` : ''
      } get nodes\` works on the backend's machine.`;
    case 'serviceAccount':
      return cluster.serviceAccountTokenFile
        ? `Put a valid token of the portal's ServiceAccount into ${cluster.serviceAccountTokenFile} (${key}.serviceAccountTokenFile), e.g. from \`kubectl create token\`: ${rereads}.`
        : `${key}.serviceAccountToken is not (or no longer) valid. Set a current token of the portal's ServiceAccount and restart the backend; with ${key}.serviceAccountTokenFile instead, rotations apply without a restart.`;
    default:
      return `The pod's service-account token (${IN_CLUSTER_FILES[0]}) was refused: check that the pod's ServiceAccount still exists and that its token is mounted (automountServiceAccountToken); ${rereads}.`;
  }
}

function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as {
    code?: string;
    cause?: { code?: string; errors?: { code?: string }[] };
  };
  return cause?.code ?? cause?.errors?.[0]?.code ?? code;
}

/**
 * Explains a failure to reach or read a cluster. Pure: the same error gives
 * the same words, so health answers and tests agree.
 */
export function describeClusterProblem(
  cluster: Metal3ClusterConfig,
  server: string | undefined,
  error: unknown,
): ClusterProblem {
  const at = server ? ` at ${server}` : '';
  const name = `Cluster ${cluster.name}`;
  if (error instanceof ClusterConfigError) {
    return {
      code: 'config',
      message: `${name}: ${error.message}`,
      fix: `Correct ${error.key} in the backend configuration (docs/configuration.md, "Clusters").`,
    };
  }
  if (error instanceof KubeApiError) {
    switch (error.statusCode) {
      case 401:
        return {
          code: 'unauthorized',
          message: `${name}: the API server${at} refused the portal's credentials (401 Unauthorized)`,
          fix: unauthorizedFix(cluster),
        };
      case 403:
        return {
          code: 'forbidden',
          message: `${name}: ${error.message}`,
          fix: `The identity the portal uses may not read what it needs: grant it get, list and watch on the Metal3, Cluster API and core resources it reads (docs/operations.md, "RBAC").`,
        };
      case 429:
        return {
          code: 'throttled',
          message: `${name}: the API server${at} throttles the portal (429 Too Many Requests${
            error.retryAfterSeconds !== undefined
              ? `, retry after ${error.retryAfterSeconds} s`
              : ''
          })`,
          fix: 'The portal waits as long as the server asks and recovers by itself. If it lasts, the API server is overloaded or its API Priority and Fairness gives the portal too small a share: give its ServiceAccount a FlowSchema of its own.',
        };
      default:
        return {
          code: 'failing',
          message: `${name}: ${describeError(error)}`,
          fix: `The API server${at} answered ${error.statusCode}; if it lasts, check the API server's health and the backend log of cluster ${cluster.name}.`,
        };
    }
  }
  const code = errorCode(error);
  if (code && TLS.test(code)) {
    return {
      code: 'tls',
      message: `${name}: the TLS certificate of the API server${at} is not trusted (${code})`,
      fix:
        cluster.authProvider === 'serviceAccount'
          ? `Give the API server's CA in ${configKey(
              cluster,
              'caData',
            )} or ${configKey(cluster, 'caFile')}.`
          : `Check the certificate-authority data of the cluster in ${
              cluster.authProvider === 'kubeconfig'
                ? cluster.kubeconfigFile
                : IN_CLUSTER_FILES[1]
            }.`,
    };
  }
  if (
    (code && UNREACHABLE.has(code)) ||
    /no answer within|fetch failed/.test(describeError(error))
  ) {
    return {
      code: 'unreachable',
      message: `${name}: cannot reach the API server${at} (${describeError(
        error,
      )})`,
      fix: `Check ${serverKey(
        cluster,
      )}, that the API server runs, and that this backend can reach it (firewall, proxy, VPN). The portal keeps trying and serves the last data it has.`,
    };
  }
  return {
    code: 'failing',
    message: `${name}: ${describeError(error)}`,
    fix: `See the backend log of cluster ${cluster.name}; the portal keeps trying.`,
  };
}

/** Names the CRDs a cluster lacks; features that need them stay empty for it. */
export function describeMissingCrds(
  cluster: Metal3ClusterConfig,
  unavailable: ResourceName[],
): ClusterProblem {
  const crds = unavailable.map(crdName);
  return {
    code: 'missing-crds',
    message: `Cluster ${cluster.name} serves no ${crds.join(', ')} (CRD${
      crds.length > 1 ? 's' : ''
    } not installed)`,
    fix: `Install the missing CRDs (baremetal-operator for metal3.io, Cluster API and CAPM3 for *.cluster.x-k8s.io, the Metal3 IPAM for ipam.metal3.io) if this cluster should run them, then restart the backend; otherwise nothing of theirs is shown for ${cluster.name}.`,
  };
}
