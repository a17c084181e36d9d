/** Who a request is, once authenticated (k8s.io/apiserver user.Info). *
/** Who a request is, once authenticated (k8s.io/apiserver user.Info). * @public
/** Who a request is, once authenticated (k8s.io/apiserver user.Info). */
export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
}

/** Members of this group pass every authorization check (kube-apiserver's privileged group). */
export const SYSTEM_MASTERS = 'system:masters';

/**
 * The lab's own admin token: a member of system:masters, as the admin
 * credentials kubeadm writes, so it may do everything whatever the RBAC
 * objects say (RBAC is enforced for every other token).
 */
export const LAB_ADMIN: UserInfo = {
  name: 'kubernetes-admin',
  groups: [SYSTEM_MASTERS, 'system:authenticated'],
};

const SA_PREFIX = 'system:serviceaccount:';

/** The user a ServiceAccount's token authenticates as. */
export function serviceAccountUser(
  namespace: string,
  name: string,
  uid?: string,
): UserInfo {
  return {
    name: `${SA_PREFIX}${namespace}:${name}`,
    ...(uid && { uid }),
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${namespace}`,
      'system:authenticated',
    ],
  };
}
