import { FIELD_MANAGER } from './patch';

/**
 * The label on every Secret the portal creates (BMC credentials at
 * enrollment). Only Secrets with it are ever deleted by the portal: a Secret
 * someone else created (GitOps, kubectl, the seed of a cluster) is theirs.
 */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** The portal's name in Kubernetes: the same as its field manager. */
export const MANAGED_BY_PORTAL = FIELD_MANAGER;

/** Whether the portal created this Secret (it carries our label). */
export function isPortalSecret(secret: any): boolean {
  return secret?.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_PORTAL;
}

/** The manifest with our label added. */
export function labelAsPortalSecret<
  T extends { metadata: { labels?: Record<string, string> } },
>(secret: T): T {
  return {
    ...secret,
    metadata: {
      ...secret.metadata,
      labels: {
        ...secret.metadata.labels,
        [MANAGED_BY_LABEL]: MANAGED_BY_PORTAL,
      },
    },
  };
}

/**
 * Whether a stored Secret holds exactly these string values. The API server
 * keeps them base64 in `data` (it folds `stringData` in); a `stringData`
 * echoed back is read too. Never logs or returns a value.
 */
export function secretHolds(
  stored: any,
  values: Record<string, string>,
): boolean {
  const data: Record<string, string> = stored?.data ?? {};
  const plain: Record<string, string> = stored?.stringData ?? {};
  return Object.entries(values).every(([key, value]) =>
    key in data
      ? data[key] === Buffer.from(value).toString('base64')
      : plain[key] === value,
  );
}
