export { Metal3SearchResultListItem } from './Metal3SearchResultListItem';
export type {
  Metal3SearchDocument,
  Metal3SearchResultListItemProps,
} from './Metal3SearchResultListItem';
export { isMetal3SearchResult } from './isMetal3SearchResult';
