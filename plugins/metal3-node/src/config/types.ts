/**
 * How the backend reaches one cluster, after config validation. Secrets stay in
 * this object; never serialize it into a response or a log line.
 *
 * @public
 */
export type Metal3ClusterConfig = {
  name: string;
  title: string;
} & (
  | {
      authProvider: 'serviceAccount';
      url: string;
      serviceAccountToken?: string;
      caData?: string;
      caFile?: string;
      skipTLSVerify: boolean;
    }
  | {
      authProvider: 'kubeconfig';
      kubeconfigFile: string;
      context?: string;
    }
  | { authProvider: 'inCluster' }
);
