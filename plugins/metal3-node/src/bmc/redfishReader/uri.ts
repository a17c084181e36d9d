/** The `@odata.id` of a link object, if it is one. */
export function odataId(link: unknown): string | undefined {
  const id = (link as { '@odata.id'?: unknown } | undefined)?.['@odata.id'];
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * URIs compare case-insensitively and without a trailing slash: iLO links
 * `/redfish/v1/systems/1/` to what its collection calls `/redfish/v1/Systems/1`.
 */
export function sameUri(a: string, b: string): boolean {
  const norm = (u: string) => u.replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}
