import { SearchResult } from '@backstage/plugin-search-common';
import { METAL3_ENTITY_TYPES } from '@metal3-fleet/plugin-metal3-common';

/**
 * A catalog search result of a bare-metal host or worker pool: what the
 * Metal3 result item renders (every other result keeps its own item).
 */
export function isMetal3SearchResult(result: SearchResult): boolean {
  const document = result.document as { kind?: string; type?: string };
  return (
    result.type === 'software-catalog' &&
    document.kind?.toLocaleLowerCase('en-US') === 'resource' &&
    (document.type === METAL3_ENTITY_TYPES.host ||
      document.type === METAL3_ENTITY_TYPES.pool)
  );
}
