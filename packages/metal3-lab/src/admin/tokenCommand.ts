import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { labAdminRequest } from './adminClient';
import type { TokenRotation } from './adminRoutes';

export const ROTATE_TOKEN_USAGE = `Usage: yarn lab rotate-token [--cluster NAME] [--kubeconfig FILE]

Replaces the bearer token of a running lab cluster (POST /lab/v1/token/rotate,
authenticated with the current token from FILE). The old token is refused
from then on; open watches run until they close. The lab rewrites its
kubeconfig files and .lab/<cluster>/token; the token itself is never printed.
Defaults: --cluster kube-dc-mgmt, --kubeconfig .lab/kubeconfig`;

/** Parses `yarn lab rotate-token` arguments. */
export function parseRotateTokenArgs(argv: string[]): {
  cluster: string;
  kubeconfig?: string;
} {
  let cluster = 'kube-dc-mgmt';
  let kubeconfig: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg !== '--cluster' && arg !== '--kubeconfig')
      throw new Error(`Unknown argument "${arg}"\n\n${ROTATE_TOKEN_USAGE}`);
    if (value === undefined)
      throw new Error(`${arg} needs a value\n\n${ROTATE_TOKEN_USAGE}`);
    if (arg === '--cluster') cluster = value;
    else kubeconfig = value;
    i += 1;
  }
  return { cluster, kubeconfig };
}

/**
 * Rotates the token through the lab's admin endpoint and returns the lines
 * to print: which cluster, which files now hold the new token, and a warning
 * when the kubeconfig used is not one of them (a copy the lab does not know).
 */
export async function rotateToken(
  kubeconfigPath: string,
  cluster: string,
): Promise<string[]> {
  const rotation: TokenRotation = await labAdminRequest({
    kubeconfigPath,
    cluster,
    method: 'POST',
    path: '/lab/v1/token/rotate',
  });
  const lines = [
    `${rotation.cluster}: token rotated; the old token is refused from now on.`,
    ...rotation.kubeconfigs.map(k => `  kubeconfig rewritten: ${k}`),
    `  state file rewritten: ${rotation.stateFile}`,
  ];
  const same = (a: string, b: string) => {
    try {
      return realpathSync(a) === realpathSync(b);
    } catch {
      return resolve(a) === resolve(b);
    }
  };
  if (!rotation.kubeconfigs.some(k => same(k, kubeconfigPath))) {
    lines.push(
      `  ${kubeconfigPath} is not a kubeconfig the lab writes: it still holds the old token.`,
    );
  }
  return lines;
}
