import { MockupResource, members, readResource } from './mockupTree';

/**
 * The LogEntry collection where a BMC records events of a system: the first
 * log service of the system itself that has Entries, else one of the
 * managers that manage it (`Links.ManagedBy`), as DMTF's bladed tree keeps
 * its logs on each blade's BMC only. Found through links, never by name
 * ("SEL", "Log1", "IML" all occur). Undefined when the tree has none.
 */
export function logEntriesUri(
  tree: Map<string, MockupResource>,
  systemUri: string,
): string | undefined {
  const system = readResource(tree, systemUri);
  if (!system) return undefined;
  const owners = [
    system,
    ...(system.Links?.ManagedBy ?? []).map((m: any) =>
      readResource(tree, m['@odata.id']),
    ),
  ];
  for (const owner of owners) {
    const collection = owner?.LogServices?.['@odata.id'];
    if (!collection) continue;
    for (const uri of members(tree, collection)) {
      const entries = readResource(tree, uri)?.Entries?.['@odata.id'];
      if (entries) return entries;
    }
  }
  return undefined;
}
