import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import StorageIcon from '@material-ui/icons/Storage';
import { isMetal3SearchResult } from '../components/SearchResult/isMetal3SearchResult';

/**
 * Hosts and worker pools in the search page's results, with their status
 * and cluster (extension id `search-result-list-item:metal3`). The search
 * page uses the first item whose predicate matches, and the catalog's item
 * matches every catalog result: app.extensions must list this one so that it
 * comes first (app-config.yaml does; docs/configuration.md "Search").
 */
export const metal3SearchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    icon: <StorageIcon />,
    predicate: isMetal3SearchResult,
    component: () =>
      import('../components/SearchResult/Metal3SearchResultListItem').then(
        m => m.Metal3SearchResultListItem,
      ),
  },
});
