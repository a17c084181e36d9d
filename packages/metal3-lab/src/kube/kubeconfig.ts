import { parse as parseYaml } from 'yaml';

/** A kubeconfig with one context per cluster, named after the cluster. @public */
export function kubeconfigFor(
  clusters: { name: string; url: string; caPem: string; token: string }[],
): string {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...clusters.flatMap(c => [
      `- name: ${c.name}`,
      '  cluster:',
      `    server: ${c.url}`,
      `    certificate-authority-data: ${b64(c.caPem)}`,
    ]),
    'users:',
    ...clusters.flatMap(c => [
      `- name: ${c.name}-admin`,
      '  user:',
      `    token: ${c.token}`,
    ]),
    'contexts:',
    ...clusters.flatMap(c => [
      `- name: ${c.name}`,
      '  context:',
      `    cluster: ${c.name}`,
      `    user: ${c.name}-admin`,
    ]),
    `current-context: ${clusters[0]?.name ?? ''}`,
    '',
  ].join('\n');
}

/**
 * The clusters of a kubeconfig the lab wrote (the inverse of kubeconfigFor):
 * for programs that start `yarn lab` in another process and need the
 * address, CA and admin token of each cluster.
 *
 * @public
 */
export function clustersOfKubeconfig(
  text: string,
): { name: string; url: string; caPem: string; token: string }[] {
  const config = parseYaml(text);
  const named = (list: any[], name: string) =>
    list.find(entry => entry.name === name);
  return (config.contexts ?? []).map(({ name, context }: any) => {
    const { cluster } = named(config.clusters, context.cluster);
    const { user } = named(config.users, context.user);
    return {
      name,
      url: cluster.server,
      caPem: Buffer.from(
        cluster['certificate-authority-data'],
        'base64',
      ).toString(),
      token: user.token,
    };
  });
}
