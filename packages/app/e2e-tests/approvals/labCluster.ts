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
  const kubeconfig = readFileSync(join(REPO_ROOT, '.lab/kubeconfig'), 'utf8');
  // The lab writes its kubeconfig in one known layout (kube/kubeconfig.ts):
  // clusters, then users named `<cluster>-admin`.
  const clusterBlock = kubeconfig.match(
    new RegExp(
      `- name: ${cluster}\\n  cluster:\\n    server: (\\S+)\\n    certificate-authority-data: (\\S+)`,
    ),
  );
  const token = kubeconfig.match(
    new RegExp(`- name: ${cluster}-admin\\n  user:\\n    token: (\\S+)`),
  );
  if (!clusterBlock || !token) {
    throw new Error(`No context ${cluster} in .lab/kubeconfig`);
  }
  const url = new URL(path, clusterBlock[1]);
  return new Promise((done, failed) => {
    const req = request(
      url,
      {
        ca: Buffer.from(clusterBlock[2], 'base64').toString('utf8'),
        headers: { authorization: `Bearer ${token[1]}` },
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
