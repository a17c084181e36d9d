export interface Config {
  metal3?: {
    /** The embedded lab: a simulated Metal3 management cluster beside the portal backend. */
    lab?: {
      /** Start the lab with the backend. `true` in app-config.yaml, never in production. */
      enabled?: boolean;
      /** API server port of the first cluster (kube-dc-mgmt); edge-lab takes the next one. Default 6443. */
      port?: number;
      /** Time compression of the simulated controllers; 1 is real time. Default 30. */
      speed?: number;
      /** Extra hosts seeded into kube-dc-mgmt (namespace `bench`), for benchmarks. Default 0. */
      hosts?: number;
      /** Folder of the lab's kubeconfig, CA and tokens. Default `<repo>/.lab`. */
      stateDir?: string;
      /** Back the seeded IPMI hosts with real `ipmi_sim` processes (Debian `openipmi`). Default false. */
      ipmiSim?: boolean;
      /**
       * Racked but unenrolled servers: BMCs at redfish+https://127.100.250.N:8443/redfish/v1/Systems/rack-spare-N
       * (user admin, the lab BMC password) with no BareMetalHost, to enroll. Default 3 in the portal.
       */
      unenrolledServers?: number;
      /**
       * Seed each defect of the guide's runbook once (controller Deployments, images
       * served on loopback, the defects the runbook checks find). Default true.
       */
      runbookDefects?: boolean;
    };
  };
}
