/** A kubeconfig with one context per cluster, named after the cluster. */
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
