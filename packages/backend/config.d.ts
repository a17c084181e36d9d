export interface Config {
  permission?: {
    /** The portal's permission policy (src/modules/permissionPolicy.ts). */
    portalPolicy?: {
      /**
       * Entity refs of the groups (or users) allowed to do everything. Every
       * other signed-in user may only read. Default `[group:default/metal3-admins]`.
       */
      adminGroups?: string[];
    };
  };
}
