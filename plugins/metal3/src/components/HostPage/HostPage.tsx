import {
  Content,
  InfoCard,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Grid, Tab, Tabs, Typography } from '@material-ui/core';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { metal3ApiRef } from '../../api';
import { LinkOrText, useMetal3Links } from '../../links';
import { Pending, useLiveValue } from '../LiveValue';
import { PendingApprovals } from '../Approvals';
import { BmcPanel } from '../BmcPanel';
import { HostActions } from '../HostActions';
import { HostRunbook } from '../Runbook';
import { StatusChip } from '../StatusChip';
import { HardwareTabs } from './HardwareTabs';
import { HostHistory } from '../HostHistory';
import { LifecycleTimeline } from './LifecycleTimeline';

/** One host: status with its guided fix, links, hardware, lifecycle and operations. @public */
export const HostPage = () => {
  const { cluster = '', namespace = '', name = '' } = useParams();
  const metal3Api = useApi(metal3ApiRef);
  const links = useMetal3Links();
  const [tab, setTab] = useState(0);
  // Bumped when an action here answered "waits for approval" (202), so the
  // banner shows the request at once.
  const [asked, setAsked] = useState(0);
  const {
    value: host,
    loading,
    error,
    retry,
  } = useLiveValue(
    () => metal3Api.getHost({ cluster, namespace, name }),
    [metal3Api, cluster, namespace, name],
  );

  if (!host) {
    return <Pending hasValue={false} loading={loading} error={error} />;
  }

  return (
    <Content>
      <Box display="flex" alignItems="center" style={{ gap: 16 }} mb={2}>
        <Typography variant="h4">{host.name}</Typography>
        <StatusChip status={host.status} />
        <Typography variant="body2">power: {host.status.power}</Typography>
      </Box>
      {host.stale && (
        <WarningPanel
          severity="warning"
          title="This cluster is unreachable: the data shown is not live"
        />
      )}
      {host.status.error && (
        <WarningPanel
          severity="error"
          title={host.status.error.title}
          defaultExpanded
        >
          <Typography paragraph>{host.status.error.help}</Typography>
          {host.status.error.message && (
            <Typography paragraph>
              <code>{host.status.error.message}</code>
            </Typography>
          )}
          <Typography>
            <b>Suggested fix:</b> {host.status.error.fix}
          </Typography>
        </WarningPanel>
      )}
      {host.stuck && (
        <WarningPanel
          severity="warning"
          title={`Possibly stuck: ${host.stuck.message}`}
        />
      )}
      <PendingApprovals target={host} asked={asked} />
      <Box my={2}>
        <HostActions
          host={host}
          onDone={retry}
          onApprovalRequested={() => setAsked(n => n + 1)}
        />
      </Box>
      <HostRunbook cluster={cluster} namespace={namespace} name={name} />
      <Tabs
        value={tab}
        onChange={(_e, value) => setTab(value)}
        aria-label="host sections"
      >
        <Tab label="Overview" />
        <Tab label="Hardware" />
        <Tab label="Lifecycle" />
        <Tab label="Live BMC" />
        <Tab label="History" />
      </Tabs>
      <Box mt={2}>
        {tab === 0 && (
          <Grid container spacing={2}>
            <Grid item xs={12} md={6}>
              <InfoCard title="Links">
                <StructuredMetadataTable
                  metadata={{
                    cluster: (
                      <LinkOrText to={links.cluster(host.cluster)}>
                        {host.cluster}
                      </LinkOrText>
                    ),
                    namespace: host.namespace,
                    pool: host.pool ? (
                      <LinkOrText to={links.pool(host.pool)}>
                        {host.pool.name}
                      </LinkOrText>
                    ) : (
                      'none (free host)'
                    ),
                    machine: host.machine
                      ? `${host.machine} (${host.machinePhase ?? 'unknown'})`
                      : '—',
                    'metal3 machine': host.metal3Machine ?? '—',
                    node: host.node
                      ? `${host.node.name}, ready: ${host.node.ready}${
                          host.node.unschedulable ? ', cordoned' : ''
                        }${
                          host.node.podCount !== undefined
                            ? `, ${host.node.podCount} pods`
                            : ''
                        }${
                          host.node.kubeletVersion
                            ? `, ${host.node.kubeletVersion}`
                            : ''
                        }`
                      : '—',
                    owner: host.owner,
                    catalog: (
                      <LinkOrText to={links.entity(host.entityRef)}>
                        {host.entityRef}
                      </LinkOrText>
                    ),
                  }}
                />
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={6}>
              <InfoCard title="Provisioning">
                <StructuredMetadataTable
                  metadata={{
                    state: host.provisioningState ?? '—',
                    online: String(host.online ?? '—'),
                    'BMC protocol': host.bmc.protocol ?? '—',
                    'BMC address': host.bmc.address ?? '—',
                    'boot MAC': host.bootMACAddress ?? '—',
                    'boot mode': host.bootMode ?? '—',
                    image: host.imageUrl ?? '—',
                    flags: host.status.flags.join(', ') || 'none',
                  }}
                />
              </InfoCard>
            </Grid>
          </Grid>
        )}
        {tab === 1 && host.hardwareError && (
          <WarningPanel severity="warning" title={host.hardwareError} />
        )}
        {tab === 1 && (
          <HardwareTabs
            hardware={host.hardwareDetails}
            summary={host.hardware}
          />
        )}
        {tab === 2 && <LifecycleTimeline history={host.operationHistory} />}
        {tab === 3 && <BmcPanel host={host} />}
        {tab === 4 && <HostHistory host={host} />}
      </Box>
    </Content>
  );
};
