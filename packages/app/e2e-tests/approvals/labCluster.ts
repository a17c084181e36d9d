import { clustersOfKubeconfig } from '@metal3-fleet/metal3-lab';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { REPO_ROOT } from '../production/processes';

/**
 * Reads an object straight from the embedded lab's Kubernetes API (the
 * kubeconfig it writes to `.lab/kubeconfig`), to check what the portal
 * wrote without asking the portal.
 */
export function labGet(cluster: string, path: string): Promise<any> {
  const found = clustersOfKubeconfig(
    readFileSync(join(REPO_ROOT, '.lab/kubeconfig'), 'utf8'),
  ).find(c => c.name === cluster);
  if (!found) throw new Error(`No context ${cluster} in .lab/kubeconfig`);
  const url = new URL(path, found.url);
  return new Promise((done, failed) => {
    const req = request(
      url,
      {
        ca: found.caPem,
        headers: { authorization: `Bearer ${found.token}` },
      },
      res => {
        let body = '';
        res.on('data', chunk => (body += chunk));
        res.on('end', () =>
          res.statusCode === 200
            ? done(JSON.parse(body))
            : failed(new Error(`GET ${url}: ${res.statusCode} ${body}`)),
        );
      },
    );
    req.on('error', failed);
    req.end();
  });
}
