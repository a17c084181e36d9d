export interface Config {
  permission?: {
    /** The portal's permission policy (src/modules/permissionPolicy.ts). */
    portalPolicy?: {
      /**
       * Entity refs of the groups (or users) allowed to do everything. Every
       * other signed-in user may only read. Default `[group:default/metal3-admins]`.
       */
      adminGroups?: string[];
      /**
       * Signed-in users may also power and manage the hosts, and scale the
       * pools, their groups own, through the API and the templates. Default true.
       */
      ownersMayOperate?: boolean;
    };
  };
}
