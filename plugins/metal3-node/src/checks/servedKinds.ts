import type { ServedKind } from '@metal3-fleet/plugin-metal3-common';
import type { KubeClient } from '../cluster/kube';

/**
 * The kinds a cluster serves, read from API discovery rather than from
 * CustomResourceDefinitions: discovery is open to every authenticated
 * client (the `system:discovery` role), so the portal needs no cluster-wide
 * read of CRDs (whose schemas are large) to say which Metal3 kinds are
 * installed. Discovery also answers for kinds an aggregated API server
 * serves, which CRDs would miss.
 */

/** One `GET /apis/<group>/<version>` answer (an APIResourceList), reduced. */
export interface DiscoveredVersion {
  group: string;
  version: string;
  resources: { name: string; kind: string }[];
}

/** Kinds by group, each with the versions that serve it (subresources left out). */
export function servedKindsFrom(
  documents: readonly DiscoveredVersion[],
): ServedKind[] {
  const kinds = new Map<string, ServedKind>();
  for (const { group, version, resources } of documents) {
    for (const resource of resources) {
      // `baremetalhosts/status` is a subresource of the same kind.
      if (resource.name.includes('/')) continue;
      const key = `${group}/${resource.kind}`;
      const kind = kinds.get(key) ?? {
        group,
        kind: resource.kind,
        versions: [],
      };
      if (!kind.versions.includes(version)) kind.versions.push(version);
      kinds.set(key, kind);
    }
  }
  return [...kinds.values()];
}

/**
 * Reads discovery for `groups` (two requests per group version). A group the
 * server does not know answers 404: it serves none of its kinds. Any other
 * failure rejects, so the caller can say the data is unavailable and why.
 */
export async function readServedKinds(
  client: KubeClient,
  groups: readonly string[],
): Promise<ServedKind[]> {
  const documents: DiscoveredVersion[] = [];
  for (const group of groups) {
    const versions = await optionalGet(client, `/apis/${group}`);
    for (const { version } of versions?.versions ?? []) {
      const list = await optionalGet(client, `/apis/${group}/${version}`);
      documents.push({
        group,
        version,
        resources: (list?.resources ?? []).map((r: any) => ({
          name: String(r?.name ?? ''),
          kind: String(r?.kind ?? ''),
        })),
      });
    }
  }
  return servedKindsFrom(documents);
}

async function optionalGet(client: KubeClient, path: string): Promise<any> {
  try {
    return await client.request('GET', path);
  } catch (error: any) {
    if (error?.statusCode === 404) return undefined;
    throw error;
  }
}
