/**
 * How the backend reaches one cluster, after config validation. Secrets stay in
 * this object; never serialize it into a response or a log line.
 *
 * @public
 */
export type Metal3ClusterConfig = {
  name: string;
  title: string;
  /**
   * Where the entry lives in the configuration (`metal3.clusters[0]`), so
   * health and errors can name the key to fix. Absent for clusters built in code.
   */
  configPath?: string;
  /**
   * How often file-based credentials (kubeconfig file, token file, the
   * in-cluster token) are checked for changes, in seconds (default 60).
   */
  credentialsRefreshSeconds?: number;
} & (
  | {
      authProvider: 'serviceAccount';
      url: string;
      serviceAccountToken?: string;
      /** A file holding the bearer token, re-read when it changes (projected tokens rotate). */
      serviceAccountTokenFile?: string;
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
