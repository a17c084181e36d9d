import { PoolDetailDto } from '../../api';

/** Names of the scaffolder templates that change pools (examples/templates). */
export const POOL_TEMPLATES = {
  scale: 'metal3-scale-pool',
  upgrade: 'metal3-upgrade-pool',
  removeHost: 'metal3-remove-host',
} as const;

/** A template's page with its form prefilled (the scaffolder reads `formData`). */
export function templateLink(
  template: string,
  formData: Record<string, unknown>,
): string {
  return `/create/templates/default/${template}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}

export const scaleLink = (pool: PoolDetailDto) =>
  templateLink(POOL_TEMPLATES.scale, {
    cluster: pool.cluster,
    namespace: pool.namespace,
    pool: pool.name,
    replicas: pool.desiredReplicas,
  });

export const upgradeLink = (pool: PoolDetailDto) =>
  templateLink(POOL_TEMPLATES.upgrade, {
    cluster: pool.cluster,
    namespace: pool.namespace,
    pool: pool.name,
    ...(pool.template?.imageUrl && { imageUrl: pool.template.imageUrl }),
    ...(pool.version && { kubernetesVersion: pool.version }),
  });

export const removeHostLink = (host: {
  cluster: string;
  namespace: string;
  name: string;
}) =>
  templateLink(POOL_TEMPLATES.removeHost, {
    cluster: host.cluster,
    namespace: host.namespace,
    host: host.name,
  });
