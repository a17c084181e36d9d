import https from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Calls a lab admin endpoint (`/lab/v1/...`) of the cluster a kubeconfig
 * context names, with that context's server, CA and bearer token: what
 * `yarn lab fault` and `yarn lab rotate-token` send. Resolves with the JSON
 * answer; rejects with the Status message of an error.
 */
export function labAdminRequest(options: {
  kubeconfigPath: string;
  cluster: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}): Promise<any> {
  const { kubeconfigPath, cluster, method, path } = options;
  const config = parse(readFileSync(kubeconfigPath, 'utf8'));
  const context = config.contexts?.find(
    (c: any) => c.name === cluster,
  )?.context;
  const server = config.clusters?.find(
    (c: any) => c.name === context?.cluster,
  )?.cluster;
  const user = config.users?.find((u: any) => u.name === context?.user)?.user;
  if (!server || !user?.token)
    throw new Error(
      `no cluster "${cluster}" with a token in ${kubeconfigPath}`,
    );
  const body =
    options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${server.server}${path}`,
      {
        method,
        ca: Buffer.from(
          server['certificate-authority-data'],
          'base64',
        ).toString(),
        headers: {
          authorization: `Bearer ${user.token}`,
          ...(body && { 'content-type': 'application/json' }),
        },
      },
      res => {
        let text = '';
        res.on('data', c => (text += c));
        res.on('end', () => {
          let parsed: any;
          try {
            parsed = JSON.parse(text || '{}');
          } catch {
            parsed = { message: text };
          }
          if ((res.statusCode ?? 500) >= 400)
            reject(
              new Error(
                `${cluster}: ${res.statusCode} ${parsed.message ?? text}`,
              ),
            );
          else resolve(parsed);
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}
