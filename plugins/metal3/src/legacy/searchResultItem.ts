import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { isMetal3SearchResult } from '../components/SearchResult/isMetal3SearchResult';
import { metal3Plugin } from './plugin';

/**
 * Hosts and worker pools in a legacy app's search results, with their status
 * and cluster: put it before the catalog's item in the `<SearchResult>` of
 * the search page (the first item whose predicate matches renders a result).
 *
 * @public
 */
export const Metal3SearchResultListItem = metal3Plugin.provide(
  createSearchResultListItemExtension({
    name: 'Metal3SearchResultListItem',
    component: () =>
      import('../components/SearchResult/Metal3SearchResultListItem').then(
        m => m.Metal3SearchResultListItem,
      ),
    predicate: isMetal3SearchResult,
  }),
);
