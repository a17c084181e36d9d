import { GroupIndex } from './discovery';
import { ResourceDefinition } from './resourceRegistry';

/** What a resource path names: kind and version, and the object or collection. */
export interface Target {
  definition: ResourceDefinition;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** `/api/v1/...` or `/apis/g/v/...`, then `[namespaces/ns/]plural[/name[/sub]]`. */
export function resolveTarget(
  byGroup: GroupIndex,
  segments: string[],
): Target | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api') {
    [group, version, rest] = ['', segments[1], segments.slice(2)];
  } else if (segments[0] === 'apis') {
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const definition = (byGroup.get(group) ?? []).find(
    d => d.plural === rest[0] && d.versions.includes(version),
  );
  if (!definition) return undefined;
  if (namespace && !definition.namespaced) return undefined;
  return {
    definition,
    version,
    namespace,
    name: rest[1],
    subresource: rest[2],
  };
}
