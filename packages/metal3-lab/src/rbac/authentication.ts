import { IncomingMessage } from 'node:http';
import { LabApiError } from '../errors';
import { LabStore } from '../types';
import { verifyToken } from './serviceAccountTokens';
import { LAB_ADMIN, serviceAccountUser, UserInfo } from './userInfo';

/**
 * Bearer-token authentication: the lab's admin token (a system:masters
 * member) or a ServiceAccount token the lab issued, still valid, whose
 * ServiceAccount still exists with the uid the token names (kube-apiserver's
 * service-account authenticator checks the same). Anything else is the
 * apiserver's 401.
 */
export function bearerAuthenticator(options: {
  adminToken: () => string;
  signingKey: Buffer;
  store: LabStore;
  now?: () => number;
}): (req: IncomingMessage) => UserInfo {
  const now = options.now ?? Date.now;
  return req => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (token && token === options.adminToken()) return LAB_ADMIN;
    const claims = token
      ? verifyToken(options.signingKey, token, now())
      : undefined;
    if (claims) {
      const { namespace, serviceaccount } = claims['kubernetes.io'];
      const account = options.store.get(
        { group: '', resource: 'serviceaccounts' },
        namespace,
        serviceaccount.name,
      );
      if (account?.metadata.uid === serviceaccount.uid)
        return serviceAccountUser(
          namespace,
          serviceaccount.name,
          account.metadata.uid,
        );
    }
    throw new LabApiError(401, 'Unauthorized', 'Unauthorized');
  };
}
