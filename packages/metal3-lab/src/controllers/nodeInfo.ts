/**
 * A complete NodeSystemInfo (every field is required by the Machine CRD's
 * status.nodeInfo), derived from the host so it stays stable.
 */
export function nodeSystemInfo(options: {
  hostName: string;
  kubeletVersion: string;
  arch?: string;
}): Record<string, string> {
  const id = [...options.hostName]
    .reduce((h, c) => (h * 33 + c.charCodeAt(0)) >>> 0, 5381)
    .toString(16)
    .padStart(8, '0');
  return {
    machineID: `${id}${'0'.repeat(24)}`,
    systemUUID: `${id}-0000-4000-8000-000000000000`,
    bootID: `${id}-b007-4000-8000-000000000000`,
    kernelVersion: '6.8.0-49-generic',
    osImage: 'Ubuntu 24.04.1 LTS',
    containerRuntimeVersion: 'containerd://1.7.23-k3s2',
    kubeletVersion: options.kubeletVersion,
    kubeProxyVersion: options.kubeletVersion,
    operatingSystem: 'linux',
    architecture: options.arch === 'aarch64' ? 'arm64' : 'amd64',
  };
}
