import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';

// The one home of the plugin's paths. Every link elsewhere in the plugin is
// built from these refs (useMetal3Links, useRouteRef), so an app can mount the
// page wherever it likes; a test fails on a path literal anywhere else
// (src/routes.literals.test.ts).
//
// The refs come from @backstage/core-plugin-api because they serve both
// frontend systems: the legacy plugin (createPlugin) and the new one
// (createFrontendPlugin) take the same objects, as @backstage/plugin-catalog
// does, and core-plugin-api's useRouteRef resolves them in either app.

/** Where the new frontend system mounts the page unless configured otherwise. */
export const DEFAULT_FLEET_PATH = '/metal3';

/** The fleet page; the detail pages hang below it. */
export const fleetRouteRef = createRouteRef({ id: 'metal3' });

/** One host: `<fleet>/hosts/:cluster/:namespace/:name`. */
export const hostRouteRef = createSubRouteRef({
  id: 'metal3/host',
  parent: fleetRouteRef,
  path: '/hosts/:cluster/:namespace/:name',
});

/** One worker pool: `<fleet>/pools/:cluster/:namespace/:name`. */
export const poolRouteRef = createSubRouteRef({
  id: 'metal3/pool',
  parent: fleetRouteRef,
  path: '/pools/:cluster/:namespace/:name',
});

/** One cluster: `<fleet>/clusters/:name`. */
export const clusterRouteRef = createSubRouteRef({
  id: 'metal3/cluster',
  parent: fleetRouteRef,
  path: '/clusters/:name',
});

/** The approvals of risky operations: `<fleet>/approvals`. */
export const approvalsRouteRef = createSubRouteRef({
  id: 'metal3/approvals',
  parent: fleetRouteRef,
  path: '/approvals',
});

/**
 * One approval: `<fleet>/approvals/:id`. The backend links here (the 202 of
 * a risky request, a waiting task's log) as `<app.baseUrl>/metal3/approvals/<id>`:
 * where the new frontend system mounts the page by default.
 */
export const approvalRouteRef = createSubRouteRef({
  id: 'metal3/approval',
  parent: fleetRouteRef,
  path: '/approvals/:id',
});

/**
 * The OS images in use: `<fleet>/images`, optionally `?cluster=<name>` (the
 * cluster page links there with its cluster; the fleet page without, for
 * every cluster). A page of its own, not a tab: both pages reach it.
 */
export const imagesRouteRef = createSubRouteRef({
  id: 'metal3/images',
  parent: fleetRouteRef,
  path: '/images',
});

/**
 * A scaffolder template's page (the scaffolder's `selectedTemplate` route).
 * Optional, so an app that has not bound it still starts: the template
 * buttons then say which binding is missing instead of linking nowhere. The
 * new frontend system binds it to `scaffolder.selectedTemplate` by default.
 */
export const scaffolderTemplateRouteRef = createExternalRouteRef({
  id: 'metal3/scaffolder-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});
