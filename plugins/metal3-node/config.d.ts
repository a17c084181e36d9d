export interface Config {
  metal3?: {
    /** Outbound requests to BMCs (Redfish, IPMI): the SSRF guard. */
    bmc?: {
      /**
       * Networks (CIDR) BMCs live in. When set, requests to any other address
       * are refused. Default: any address that is not refused below.
       */
      allowedNetworks?: string[];
      /**
       * Refused address categories to permit: `loopback` (the lab's emulated
       * BMCs live on 127.100.x.y) and `link-local`. Cloud metadata addresses,
       * multicast and unspecified addresses are always refused.
       */
      allow?: Array<'loopback' | 'link-local'>;
    };
    /**
     * Kubernetes clusters whose Metal3 and Cluster API objects the portal shows and manages.
     * Field names follow the Kubernetes plugin's `clusterLocatorMethods[].clusters[]` entries.
     */
    clusters?: Array<{
      /** Unique, stable cluster name; used in entity names, URLs and API paths. */
      name: string;
      /** Display name; defaults to `name`. */
      title?: string;
      /**
       * How the backend authenticates: `serviceAccount` (bearer token from
       * `serviceAccountToken`), `kubeconfig` (a kubeconfig file and context) or
       * `inCluster` (the pod's own service account). Defaults to `serviceAccount`.
       */
      authProvider?: 'serviceAccount' | 'kubeconfig' | 'inCluster';
      /** API server URL; required for `serviceAccount`. */
      url?: string;
      /**
       * Bearer token for `serviceAccount`.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /**
       * Base64 PEM CA bundle of the API server.
       * @visibility secret
       */
      caData?: string;
      /** Path of a PEM CA bundle of the API server. */
      caFile?: string;
      /** Skip TLS verification of the API server (never in production). */
      skipTLSVerify?: boolean;
      /** For `kubeconfig`: the file and, optionally, the context to use. */
      kubeconfig?: {
        file: string;
        context?: string;
      };
      /**
       * Reuse a cluster entry of `kubernetes.clusterLocatorMethods[type=config].clusters[]`
       * by name instead of repeating its URL and token here. Only `serviceAccount`
       * entries can be reused, because the backend acts without a user token.
       */
      kubernetesPluginRef?: string;
    }>;
  };
}
