import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * ServiceAccount tokens as kube-apiserver issues them for a TokenRequest
 * (pkg/serviceaccount/claims.go): a JWT naming the issuer, the audiences,
 * the ServiceAccount (namespace, name, uid) and an expiry. The lab signs
 * with HMAC-SHA256 and a per-cluster key instead of the cluster's RSA
 * service-account key: clients treat tokens as opaque either way.
 */
export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** kube-apiserver's default `--api-audiences` (the issuer). */
export const API_AUDIENCES = [ISSUER];

export interface TokenClaims {
  iss: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  sub: string;
  'kubernetes.io': {
    namespace: string;
    serviceaccount: { name: string; uid: string };
  };
}

const b64url = (data: Buffer | string) =>
  Buffer.from(data).toString('base64url');

function sign(key: Buffer, content: string): string {
  return createHmac('sha256', key).update(content).digest('base64url');
}

/** A signed token for a ServiceAccount, valid `expirationSeconds` from `now` (ms). */
export function issueToken(
  key: Buffer,
  account: { namespace: string; name: string; uid: string },
  options: { audiences: string[]; expirationSeconds: number; now: number },
): { token: string; claims: TokenClaims } {
  const iat = Math.floor(options.now / 1000);
  const claims: TokenClaims = {
    iss: ISSUER,
    aud: options.audiences,
    exp: iat + options.expirationSeconds,
    iat,
    nbf: iat,
    jti: randomUUID(),
    sub: `system:serviceaccount:${account.namespace}:${account.name}`,
    'kubernetes.io': {
      namespace: account.namespace,
      serviceaccount: { name: account.name, uid: account.uid },
    },
  };
  const content = `${b64url(
    JSON.stringify({ alg: 'HS256', typ: 'JWT' }),
  )}.${b64url(JSON.stringify(claims))}`;
  return { token: `${content}.${sign(key, content)}`, claims };
}

/**
 * The claims of a token this key signed, valid at `now` (ms) for the API
 * server's audiences; undefined for anything else (a foreign, tampered,
 * expired or not-yet-valid token, or one for another audience).
 */
export function verifyToken(
  key: Buffer,
  token: string,
  now: number,
): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const expected = Buffer.from(sign(key, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return undefined;
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const seconds = now / 1000;
  if (!(claims.exp > seconds) || claims.nbf > seconds + 60) return undefined;
  if (!claims.aud?.some(a => API_AUDIENCES.includes(a))) return undefined;
  return claims;
}
