import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Catalog entities for the clusters, worker pools and bare-metal hosts
       * of `metal3.clusters[]`: one entity provider per cluster.
       */
      metal3?: {
        /** Owner of entities whose objects name no owner. Default `group:default/metal3-admins`. */
        defaultOwner?: string;
        /**
         * Label (or `metal3.backstage.io/` annotation) on a BareMetalHost or
         * MachineDeployment naming its owner: a group name or an entity ref.
         * Default `metal3.backstage.io/owner`.
         */
        ownerKey?: string;
        /** Schedule of the full resync; deltas flow in between. Default every 30 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
