import { ReactNode } from 'react';
import {
  Box,
  Chip,
  ListItemIcon,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { Link } from '@backstage/core-components';
import {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import {
  METAL3_ENTITY_TYPES,
  Metal3SearchFields,
  Metal3StatusTone,
} from '@metal3-fleet/plugin-metal3-common';

/** The tones of the fleet page's status chip (StatusChip). */
const TONE_COLORS: Record<Metal3StatusTone, string> = {
  ok: '#2e7d32',
  progressing: '#1565c0',
  attention: '#ef6c00',
  error: '#c62828',
};

/**
 * A catalog search document of a host or pool: Backstage's fields (`type` is
 * the entity's `spec.type`) and the Metal3 ones.
 *
 * @public
 */
export type Metal3SearchDocument = SearchDocument &
  Metal3SearchFields & { kind?: string; type?: string };

/** @public */
export interface Metal3SearchResultListItemProps {
  result?: Metal3SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
}

/**
 * A host or worker pool in the search results: its name, description, the
 * status chip and its clusters, all read from the search document (the
 * Metal3 search module adds status and clusters when the index is built, so
 * the status is as of then: the chip's tooltip says when).
 *
 * @public
 */
export const Metal3SearchResultListItem = (
  props: Metal3SearchResultListItemProps,
) => {
  const { result, highlight } = props;
  if (!result) return null;
  const kindLabel =
    result.type === METAL3_ENTITY_TYPES.pool
      ? 'Worker pool'
      : 'Bare-metal host';
  return (
    <Box display="flex" component="div">
      {props.icon && <ListItemIcon>{props.icon}</ListItemIcon>}
      <Box flexWrap="wrap">
        <ListItemText
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              {highlight?.fields.title ? (
                <HighlightedSearchResultText
                  text={highlight.fields.title}
                  preTag={highlight.preTag}
                  postTag={highlight.postTag}
                />
              ) : (
                result.title
              )}
            </Link>
          }
          secondary={
            <Typography component="span" color="textSecondary" variant="body2">
              {highlight?.fields.text ? (
                <HighlightedSearchResultText
                  text={highlight.fields.text}
                  preTag={highlight.preTag}
                  postTag={highlight.postTag}
                />
              ) : (
                result.text
              )}
            </Typography>
          }
        />
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} mb={2}>
          <Chip size="small" label={kindLabel} />
          {result.metal3Status ? (
            <Chip
              size="small"
              label={result.metal3Status}
              aria-label={`status ${result.metal3Status}`}
              title={
                result.metal3StatusAt
                  ? `Status when the search index was built (${result.metal3StatusAt})`
                  : undefined
              }
              style={{
                backgroundColor:
                  TONE_COLORS[result.metal3StatusTone ?? 'attention'],
                color: 'white',
              }}
            />
          ) : (
            <Chip size="small" label="Status not indexed yet" />
          )}
          {result.metal3Cluster && (
            <Chip
              size="small"
              variant="outlined"
              label={`Cluster: ${result.metal3Cluster}`}
            />
          )}
          {result.metal3WorkloadCluster && (
            <Chip
              size="small"
              variant="outlined"
              label={`Workload cluster: ${result.metal3WorkloadCluster}`}
            />
          )}
        </Box>
      </Box>
    </Box>
  );
};
