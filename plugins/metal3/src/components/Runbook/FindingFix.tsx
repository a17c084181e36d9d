import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { Box, Tooltip, Typography } from '@material-ui/core';
import type { CheckFix } from '@metal3-fleet/plugin-metal3-common';
import { scaffolderTemplateRouteRef } from '../../routes';
import {
  templateLink,
  TEMPLATE_ROUTE_UNBOUND,
} from '../PoolPage/templateLinks';

/**
 * How to fix a problem: the guide's words and section, then either a button
 * that opens the fix's template with its values prefilled, or the commands to
 * run. The button does not ask the permission policy first: the template's
 * action does, on the backend, for the user who runs it, and says so there.
 */
export const FindingFix = ({ fix }: { fix: CheckFix }) => {
  const templateRoute = useRouteRef(scaffolderTemplateRouteRef);
  const link = fix.template
    ? templateLink(templateRoute, fix.template.name, fix.template.values)
    : undefined;
  return (
    <Box mt={1}>
      <Typography variant="body2">
        <b>Fix:</b> {fix.text}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        Guide: {fix.guide}
      </Typography>
      {fix.commands && fix.commands.length > 0 && (
        <Box component="pre" my={1} style={{ whiteSpace: 'pre-wrap' }}>
          <code>{fix.commands.join('\n')}</code>
        </Box>
      )}
      {fix.template && (
        <Tooltip title={link ? '' : TEMPLATE_ROUTE_UNBOUND}>
          <span>
            <LinkButton
              to={link ?? ''}
              variant="outlined"
              size="small"
              color="primary"
              disabled={!link}
            >
              Open fix: {fix.template.name}
            </LinkButton>
          </span>
        </Tooltip>
      )}
    </Box>
  );
};
