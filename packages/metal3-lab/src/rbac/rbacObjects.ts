import { ObjectStore } from '../kube/ObjectStore';
import { RbacObjects } from './authorizer';

const group = 'rbac.authorization.k8s.io';
const KEYS = {
  clusterRoleBindings: { group, resource: 'clusterrolebindings' },
  roleBindings: { group, resource: 'rolebindings' },
  clusterRoles: { group, resource: 'clusterroles' },
  roles: { group, resource: 'roles' },
};

/**
 * The RBAC objects of a cluster's store, read live on every request (as
 * kube-apiserver's informer-fed authorizer sees a change within moments):
 * a Role edited or a binding deleted applies to the next request; watches
 * already open keep running.
 */
export function rbacFromStore(store: ObjectStore): RbacObjects {
  return {
    clusterRoleBindings: () => store.listShared(KEYS.clusterRoleBindings),
    roleBindings: namespace =>
      store.listShared(KEYS.roleBindings, { namespace }),
    clusterRole: name => store.get(KEYS.clusterRoles, undefined, name),
    role: (namespace, name) => store.get(KEYS.roles, namespace, name),
  };
}
