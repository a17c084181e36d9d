import { LabApiError } from '../errors';
import { KubeObject, LabStore } from '../types';
import { API_AUDIENCES, issueToken } from './serviceAccountTokens';

const SERVICE_ACCOUNTS = { group: '', resource: 'serviceaccounts' };
const DEFAULT_EXPIRATION_SECONDS = 3600;

/**
 * `POST .../serviceaccounts/<name>/token` (what `kubectl create token`
 * sends), as kube-apiserver's TokenREST.Create: the TokenRequest's
 * expirationSeconds (default 3600, at least 600, at most 2^32) and audiences
 * (default the API server's), a token bound to the ServiceAccount's uid (it
 * stops working when the ServiceAccount is deleted), and the TokenRequest
 * back with `status.token` and `status.expirationTimestamp`. Nothing is
 * stored.
 */
export function createTokenRequest(
  store: LabStore,
  key: Buffer,
  target: { namespace: string; name: string },
  body: any,
  now: number,
): KubeObject {
  const spec = body?.spec ?? {};
  const expirationSeconds = Number(
    spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS,
  );
  const invalid = (message: string) =>
    new LabApiError(
      422,
      'Invalid',
      `TokenRequest.authentication.k8s.io "${target.name}" is invalid: spec.expirationSeconds: Invalid value: ${expirationSeconds}: ${message}`,
      {
        name: target.name,
        group: 'authentication.k8s.io',
        kind: 'TokenRequest',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: `Invalid value: ${expirationSeconds}: ${message}`,
            field: 'spec.expirationSeconds',
          },
        ],
      },
    );
  if (!Number.isInteger(expirationSeconds) || expirationSeconds < 600)
    throw invalid('may not specify a duration less than 10 minutes');
  if (expirationSeconds > 2 ** 32)
    throw invalid('may not specify a duration larger than 2^32 seconds');
  const account = store.get(SERVICE_ACCOUNTS, target.namespace, target.name);
  if (!account) {
    throw new LabApiError(
      404,
      'NotFound',
      `serviceaccounts "${target.name}" not found`,
      { name: target.name, kind: 'serviceaccounts' },
    );
  }
  const audiences: string[] =
    Array.isArray(spec.audiences) && spec.audiences.length > 0
      ? spec.audiences
      : API_AUDIENCES;
  const { token, claims } = issueToken(
    key,
    {
      namespace: target.namespace,
      name: target.name,
      uid: account.metadata.uid!,
    },
    { audiences, expirationSeconds, now },
  );
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: {
      name: target.name,
      namespace: target.namespace,
      creationTimestamp: timestamp(claims.iat),
    },
    spec: {
      audiences,
      expirationSeconds,
      boundObjectRef: spec.boundObjectRef ?? null,
    },
    status: { token, expirationTimestamp: timestamp(claims.exp) },
  };
}

function timestamp(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}
