import { stringify } from 'yaml';
import { CLUSTER_NAME_LABEL } from './capi';
import { FieldError, fieldProblem, throwIfInvalid } from './fieldErrors';

export interface Rke2JoinInput {
  name: string;
  namespace: string;
  clusterName: string;
  /** The RKE2 supervisor, e.g. https://10.10.0.10:9345. */
  serverUrl: string;
  /** Node labels the agent registers with. */
  nodeLabels?: Record<string, string>;
}

export function validateRke2Join(
  input: Rke2JoinInput,
  field = 'join',
): FieldError[] {
  let url: URL | undefined;
  try {
    url = new URL(input.serverUrl);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.pathname.length > 1) {
    return [
      fieldProblem(
        `${field}.serverUrl`,
        `"${
          input.serverUrl ?? ''
        }" is not an https:// URL of the RKE2 server, e.g. https://10.10.0.10:9345`,
      ),
    ];
  }
  return [];
}

/**
 * The bootstrap data Secret of the pool's machines: cloud-config writing the
 * RKE2 agent configuration (server and join token) and starting the agent.
 * CAPI hands it to CAPM3, which sets it as the host's userData.
 *
 * The result carries the join token: it goes to the API server (or, only when
 * the template asks for it, into a rendered file) and nowhere else.
 */
export function buildUserDataSecret(input: Rke2JoinInput, token: string) {
  throwIfInvalid(validateRke2Join(input));
  // YAML stringify, not string templates: a token or label with a quote or a
  // newline cannot break out of the file.
  const agentConfig = stringify({
    server: input.serverUrl,
    token,
    ...(input.nodeLabels &&
      Object.keys(input.nodeLabels).length && {
        'node-label': Object.entries(input.nodeLabels).map(
          ([k, v]) => `${k}=${v}`,
        ),
      }),
  });
  const cloudConfig = `#cloud-config\n${stringify({
    write_files: [
      {
        path: '/etc/rancher/rke2/config.yaml',
        permissions: '0600',
        owner: 'root:root',
        content: agentConfig,
      },
    ],
    runcmd: [['systemctl', 'enable', '--now', 'rke2-agent.service']],
  })}`;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'cluster.x-k8s.io/secret',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: { [CLUSTER_NAME_LABEL]: input.clusterName },
    },
    stringData: { value: cloudConfig, format: 'cloud-config' },
  };
}
