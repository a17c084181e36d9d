export interface Config {
  catalog?: {
    providers?: {
      /** Catalog entities for the clusters, hosts and pools of `metal3.clusters[]`. */
      metal3?: {
        /** Owner of entities whose objects name no owner. Default `group:default/metal3-admins`. */
        defaultOwner?: string;
      };
    };
  };
}
