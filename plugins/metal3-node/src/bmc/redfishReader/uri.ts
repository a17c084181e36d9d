/** The `@odata.id` of a link object, if it is one. */
export function odataId(link: unknown): string | undefined {
  const id = (link as { '@odata.id'?: unknown } | undefined)?.['@odata.id'];
  return typeof id === 'string' && id ? id : undefined;
}
