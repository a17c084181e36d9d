export interface Config {
  metal3?: {
    /**
     * Where the app mounts the plugin's fleet page (host, pool and cluster
     * pages below it). Links the backend writes (catalog entity links,
     * notifications, template outputs) start with it. Default `/metal3`.
     */
    fleetPath?: string;
    /**
     * Whether the portal works with the lab (packages/metal3-lab). Only then
     * may BMC requests go to loopback; without it `bmc.allowedNetworks` is
     * required. The lab package declares its own keys.
     */
    lab?: {
      /** The lab runs beside the development backend (`packages/backend/dev`). */
      enabled?: boolean;
      /**
       * The clusters are a lab running in another process (tests, demos): its
       * emulated BMCs listen on loopback. Never set in production.
       */
      external?: boolean;
    };
    /** Outbound requests to BMCs (Redfish, IPMI): the SSRF guard. */
    bmc?: {
      /**
       * Networks (CIDR) BMCs live in; requests to any other address are
       * refused. Required when the lab is off (start-up error otherwise), and
       * then never a loopback network.
       */
      allowedNetworks?: string[];
      /**
       * Refused address categories to permit: `loopback` (the lab's emulated
       * BMCs live on 127.100.x.y) and `link-local`, for addresses reached
       * directly (not through NAT64, 6to4 or other translated forms). Cloud
       * metadata, multicast, unspecified and reserved addresses are always
       * refused.
       */
      allow?: Array<'loopback' | 'link-local'>;
      /** Redfish: per-request timeout in seconds (default 20). */
      requestTimeoutSeconds?: number;
      /** Redfish: TCP/TLS connect timeout in seconds (default 5). */
      connectTimeoutSeconds?: number;
      /** Retries of idempotent reads on 5xx, resets and 503 (default 2; Retry-After honoured). */
      retries?: number;
      /** At most this many log (SEL) entries are read per host (default 50). */
      maxLogEntries?: number;
      /**
       * Redfish: a response body larger than this many bytes fails the read
       * with a clear error (default 8388608, 8 MiB).
       */
      maxResponseBytes?: number;
      /** Live BMC data of enrolled hosts (host page BMC panel). */
      telemetry?: {
        /** How long a reading is served from memory, seconds (default 60). */
        cacheSeconds?: number;
        /** BMCs read at once across the backend (default 256). */
        maxInFlight?: number;
        /** Hard limit per host in seconds; a hung BMC gives up its slot after it (default 15). */
        hostDeadlineSeconds?: number;
        /**
         * Power and temperature kept in the backend's database for the host
         * page's 24 h chart, sampled by one replica per interval.
         */
        history?: {
          /** Sample at all (default true); false keeps what is stored and reads no BMC for it. */
          enabled?: boolean;
          /** Seconds between two readings of each host (default 300). */
          sampleIntervalSeconds?: number;
          /** Readings older than this many hours are deleted (default 48). */
          retentionHours?: number;
          /** The most readings one host keeps (default: retention / interval + 10). */
          maxReadingsPerHost?: number;
        };
      };
      /** IPMI hosts are read with ipmitool. */
      ipmi?: {
        /** Path of ipmitool (default: from PATH). */
        ipmitoolPath?: string;
        /** `-L`: a read-only BMC account needs USER. Default: the address's `privilegelevel`, else ADMINISTRATOR. */
        privilegeLevel?: 'USER' | 'OPERATOR' | 'ADMINISTRATOR';
        /** `-C`: 3 for older BMCs, 17 for ones that refuse the rest. */
        cipherSuite?: number;
        /** `lanplus` (IPMI 2.0, default) or `lan` (IPMI 1.5, unencrypted). */
        interface?: 'lanplus' | 'lan';
      };
    };
    /**
     * Long operations (maintenance drains), kept in the metal3 plugin's
     * database and shared by every replica of the portal.
     */
    operations?: {
      /**
       * A replica renews the lease of each operation it runs every third of
       * this; when it has not for this long (killed, hung, cut off from the
       * database), another replica takes the operation over. Default 30.
       */
      leaseSeconds?: number;
      /** Finished operations are deleted after this many days. Default 7. */
      keepDays?: number;
    };
    /**
     * Risky operations that wait for a second person's approval (the metal3
     * backend reads these; declared here with the other metal3 keys).
     */
    approvals?: {
      /**
       * The operations that wait: `power-off` and `hard-reboot` (of a
       * provisioned host), `remove-from-pool`, `scale-down`, `pool-upgrade`.
       * None by default; an unknown name stops the start-up.
       */
      required?: Array<
        | 'power-off'
        | 'hard-reboot'
        | 'remove-from-pool'
        | 'scale-down'
        | 'pool-upgrade'
      >;
      /** A pending request expires, running nothing, after this many minutes. Default 60. */
      expiresAfterMinutes?: number;
      /** Closed requests are deleted this many days after they ended. Default 30. */
      keepDays?: number;
    };
    /**
     * The runbook checks (docs/runbook-checks.md): what they look for and
     * how often. Every key is optional; the defaults are the guide's.
     */
    checks?: {
      /** How long a cluster's evaluation is served before a request evaluates again, seconds (default 15). */
      cacheSeconds?: number;
      /**
       * Where the Metal3 controllers run. An entry with the `id` of a default
       * controller (`baremetal-operator`, `ironic`, `capm3`, `ipam`, `capi`)
       * moves it; a new id adds one (then `namespaces` and `matchLabels` are
       * required). Their Deployments are read in these namespaces only, one
       * watch per namespace (RBAC: list/watch deployments there).
       */
      controllers?: Array<{
        id: string;
        title?: string;
        namespaces?: string[];
        /** Labels of the Deployment or of its pod template. */
        matchLabels?: { [key: string]: string };
      }>;
      /**
       * Rules on the labels of worker Nodes; replace the guide's table
       * (no kube-ovn/role=master, no kube-dc-manager=true, a
       * node-role.kubernetes.io/worker label) when given.
       */
      workerLabelRules?: Array<{
        key: string;
        /** Only this value (absent: any value). */
        value?: string;
        require: 'absent' | 'present';
        /** Default `warning`. */
        severity?: 'error' | 'warning' | 'info';
        /** Why, shown with a violation. */
        why?: string;
        /** For `present` rules without `value`: what the fix sets (default `true`). */
        setValue?: string;
      }>;
      /** VLANs each ProviderNetwork must carry, by network name (default: at least one). */
      expectedVlans?: { [providerNetwork: string]: string[] };
      /** The trunk NIC of a pool's workers, where the rule (fastest NIC without address, not the boot NIC) picks wrong. */
      trunkNics?: Array<{
        /** Cluster name; absent: every cluster. */
        cluster?: string;
        namespace: string;
        pool: string;
        nic: string;
      }>;
      /** BMC Secrets older than this are flagged, days (default 90). */
      credentialsMaxAgeDays?: number;
      /** A provisioned Machine without a Node after this long is flagged, minutes (default 30). */
      joinTimeoutMinutes?: number;
      /** Whether pools should reuse their servers on upgrades (default true; false: no node-reuse check). */
      expectNodeReuse?: boolean;
      drift?: {
        /**
         * Minutes between background reads of every host's BMC and catalog
         * entity for the drift checks and `is:drift` (default 30; 0: only
         * when a host's findings are asked for).
         */
        intervalMinutes?: number;
      };
    };
    /**
     * HEAD probes of the OS image and checksum URLs in use, through an SSRF
     * guard of their own (image servers live in other networks than BMCs).
     */
    images?: {
      /**
       * Networks (CIDR) image servers live in; probes to any other address
       * are refused. Without the lab, required for probes to run (until set,
       * the image reachability checks say so); never a loopback network.
       */
      allowedNetworks?: string[];
      /** Refused address categories to permit: `loopback` (the lab serves its images there), `link-local`. */
      allow?: Array<'loopback' | 'link-local'>;
      probe?: {
        /** Per URL, redirects included, seconds (default 10). */
        timeoutSeconds?: number;
        /** How long a result is kept, seconds (default 300). */
        cacheSeconds?: number;
        /** Probes at once (default 8). */
        maxInFlight?: number;
      };
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
       * `serviceAccountToken` or `serviceAccountTokenFile`), `kubeconfig` (a
       * kubeconfig file and context; its `exec` and OIDC users work as
       * client-node supports them) or `inCluster` (the pod's own service
       * account). Defaults to `serviceAccount`.
       */
      authProvider?: 'serviceAccount' | 'kubeconfig' | 'inCluster';
      /** API server URL; required for `serviceAccount`. */
      url?: string;
      /**
       * Bearer token for `serviceAccount`. Read once at start-up: a rotated
       * inline token needs a restart; prefer `serviceAccountTokenFile`.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /**
       * For `serviceAccount`: a file holding the bearer token (e.g. a
       * projected ServiceAccount token or a mounted Secret). Re-read after a
       * 401 and when it changes, so rotations apply without a restart. Not
       * together with `serviceAccountToken`.
       */
      serviceAccountTokenFile?: string;
      /**
       * How often file-based credentials (the kubeconfig file, the token
       * file, the in-cluster token) are checked for changes, in seconds
       * (default 60). A 401 re-reads them at once regardless.
       */
      credentialsRefreshSeconds?: number;
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
