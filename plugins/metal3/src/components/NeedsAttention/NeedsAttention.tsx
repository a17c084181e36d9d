import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Button,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { HostSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import useAsync from 'react-use/esm/useAsync';
import { metal3ApiRef } from '../../api';
import { LinkOrText, useMetal3Links } from '../../links';

/** How many the list shows; the table filter shows them all. */
export const ATTENTION_LIMIT = 20;

/** Why a host is on the list, with the fix when it has one. */
export function attentionReason(host: HostSummaryDto): string {
  if (host.status.error) {
    return `${host.status.error.title}: ${host.status.error.fix}`;
  }
  if (host.stuck) return host.stuck.message ?? 'Possibly stuck';
  return host.status.label;
}

/**
 * Hosts in error or stuck in a transient state, longest first. Collapsed,
 * with the count in its title, so it costs no space when all is well.
 */
export const NeedsAttention = ({
  reloadKey,
  onShowAll,
}: {
  /** Changes when the page reloads after an action. */
  reloadKey?: unknown;
  onShowAll(): void;
}) => {
  const metal3Api = useApi(metal3ApiRef);
  const links = useMetal3Links();
  const { value, error } = useAsync(
    () =>
      metal3Api.listHosts({
        attention: true,
        sort: '-timeInState',
        limit: ATTENTION_LIMIT,
      }),
    [metal3Api, reloadKey],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  if (value.total === 0) {
    return <Typography variant="body2">No host needs attention.</Typography>;
  }
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography color="error">
          Needs attention: {value.total} host{value.total === 1 ? '' : 's'}{' '}
          (errors or stuck)
        </Typography>
      </AccordionSummary>
      <AccordionDetails style={{ flexDirection: 'column' }}>
        <List dense aria-label="hosts needing attention">
          {value.items.map(host => (
            <ListItem key={`${host.cluster}/${host.namespace}/${host.name}`}>
              <ListItemText
                primary={
                  <>
                    <LinkOrText to={links.host(host)}>{host.name}</LinkOrText> (
                    {host.cluster}) — {host.status.label}
                  </>
                }
                secondary={attentionReason(host)}
              />
            </ListItem>
          ))}
        </List>
        <Button size="small" onClick={onShowAll}>
          Show all {value.total} in the table
        </Button>
      </AccordionDetails>
    </Accordion>
  );
};
