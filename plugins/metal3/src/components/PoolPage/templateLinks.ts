import { PoolDetailDto } from '../../api';

/**
 * The scaffolder's template page as the app resolved it
 * (scaffolderTemplateRouteRef); undefined when the app has not bound it.
 */
export type TemplateRoute =
  | ((params: { namespace: string; templateName: string }) => string)
  | undefined;

/** Namespace of the templates (examples/templates/catalog-info.yaml). */
const TEMPLATE_NAMESPACE = 'default';

/** Why the template buttons are disabled in an app that did not bind the route. */
export const TEMPLATE_ROUTE_UNBOUND =
  "Templates cannot be opened: the app has not bound the metal3 plugin's external route scaffolderTemplate to the scaffolder's selectedTemplate route";

/** Names of the scaffolder templates that change pools (examples/templates). */
export const POOL_TEMPLATES = {
  scale: 'metal3-scale-pool',
  upgrade: 'metal3-upgrade-pool',
  removeHost: 'metal3-remove-host',
} as const;

/** A template's page with its form prefilled (the scaffolder reads `formData`). */
export function templateLink(
  route: TemplateRoute,
  template: string,
  formData: Record<string, unknown>,
): string | undefined {
  if (!route) return undefined;
  const page = route({
    namespace: TEMPLATE_NAMESPACE,
    templateName: template,
  });
  return `${page}?formData=${encodeURIComponent(JSON.stringify(formData))}`;
}

export const scaleLink = (route: TemplateRoute, pool: PoolDetailDto) =>
  templateLink(route, POOL_TEMPLATES.scale, {
    cluster: pool.cluster,
    namespace: pool.namespace,
    pool: pool.name,
    replicas: pool.desiredReplicas,
  });

export const upgradeLink = (route: TemplateRoute, pool: PoolDetailDto) =>
  templateLink(route, POOL_TEMPLATES.upgrade, {
    cluster: pool.cluster,
    namespace: pool.namespace,
    pool: pool.name,
    ...(pool.template?.imageUrl && { imageUrl: pool.template.imageUrl }),
    ...(pool.version && { kubernetesVersion: pool.version }),
  });

export const removeHostLink = (
  route: TemplateRoute,
  host: { cluster: string; namespace: string; name: string },
) =>
  templateLink(route, POOL_TEMPLATES.removeHost, {
    cluster: host.cluster,
    namespace: host.namespace,
    host: host.name,
  });
