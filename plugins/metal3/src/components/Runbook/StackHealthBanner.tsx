import { Link, WarningPanel } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import type { ClusterDto } from '@metal3-fleet/plugin-metal3-common';
import { useMetal3Links } from '../../links';

/**
 * On the fleet page: one banner per cluster whose Metal3 stack is unhealthy
 * (a required CRD not served, a controller down), with the first thing to
 * fix and a link to the cluster page that lists all of it.
 */
export const StackHealthBanner = ({
  clusters = [],
}: {
  clusters?: ClusterDto[];
}) => {
  const links = useMetal3Links();
  return (
    <>
      {clusters
        .filter(c => c.stack?.unhealthy)
        .map(c => {
          const page = links.cluster(c.name);
          return (
            <WarningPanel
              key={c.name}
              severity="error"
              defaultExpanded
              title={`The Metal3 stack of cluster ${c.title} is unhealthy: ${
                c.stack!.problems
              } problem${c.stack!.problems === 1 ? '' : 's'}`}
            >
              {c.stack!.first && (
                <Typography paragraph>
                  {c.stack!.first.title}. <b>Fix:</b> {c.stack!.first.fix.text}
                </Typography>
              )}
              {page && <Link to={page}>Open cluster {c.title}</Link>}
            </WarningPanel>
          );
        })}
    </>
  );
};
