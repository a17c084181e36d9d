export interface Config {
  metal3?: {
    /**
     * When the fleet-event detector calls a host stuck or a pool degraded:
     * the conditions the notifications are sent for and the metrics report
     * (docs/configuration.md).
     */
    fleetEvents?: {
      /**
       * Seconds a host may stay in a transient state before it counts as
       * stuck, per state (`registering`, `inspecting`, `provisioning`,
       * `deprovisioning`); states left out keep their defaults (5, 30, 40
       * and 45 minutes).
       */
      stuckSeconds?: {
        registering?: number;
        inspecting?: number;
        provisioning?: number;
        deprovisioning?: number;
      };
      /**
       * A pool must stay degraded (replicas not available, or a scale-up no
       * free host matches) this many seconds before it is reported: a
       * scale-up is degraded until its new hosts have provisioned. Default
       * 2700 (45 minutes).
       */
      poolDegradedSeconds?: number;
      /** How often time-driven conditions are looked at again, seconds. Default 15. */
      checkSeconds?: number;
    };
    /**
     * Backstage notifications to the owners of hosts and pools, and to the
     * users who started long operations.
     */
    notifications?: {
      /** All notifications of the plugin; default true. */
      enabled?: boolean;
      /** A host entered an error (its BareMetalHost reports one). */
      hostError?: { enabled?: boolean };
      /** A host stays in a transient state past `metal3.fleetEvents.stuckSeconds`. */
      hostStuck?: { enabled?: boolean };
      /** A MachineHealthCheck started a Metal3Remediation of a machine. */
      remediationStarted?: { enabled?: boolean };
      /** A pool stayed degraded past `metal3.fleetEvents.poolDegradedSeconds`. */
      poolDegraded?: { enabled?: boolean };
      /** A long operation ended: a maintenance drain, or a task of `templates`. */
      operationFinished?: {
        enabled?: boolean;
        /**
         * Template entity refs whose tasks are long operations. Default the
         * portal's remove-host, enroll-hosts and create-pool templates.
         */
        templates?: string[];
      };
      /** Where the app shows the scaffolder's pages notifications link to (host and pool pages: `metal3.fleetPath`). */
      links?: {
        /** The scaffolder's task pages (`<tasks>/<taskId>`). Default `/create/tasks`. */
        tasks?: string;
      };
    };
    /** OpenTelemetry metrics of the fleet, exported for Prometheus. */
    metrics?: {
      /** Default true; false registers no fleet metric and serves none. */
      enabled?: boolean;
      /**
       * Port of the Prometheus endpoint (`/metrics`), apart from the
       * portal's own port. Default 9464. A taken port is logged and the
       * backend starts without it.
       */
      port?: number;
      /** Address the endpoint listens on. Default `0.0.0.0`. */
      host?: string;
      /**
       * At most this many per-host series per metric at once (hosts in
       * error, BMCs that do not answer). Default 100.
       */
      maxHostSeries?: number;
      /** The sweep of every BMC's power state for `metal3_bmcs`. */
      bmcReachability?: {
        /** Seconds between sweeps; 0 switches the sweep off. Default 300. */
        intervalSeconds?: number;
      };
    };
  };
}
