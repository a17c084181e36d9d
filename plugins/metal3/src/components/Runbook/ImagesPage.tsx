import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Typography } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import { metal3ApiRef } from '../../api';
import { useLiveValue } from '../LiveValue';
import { ImagesTable } from './ImagesTable';

/**
 * The OS images in use (guide phase 2 and "Image management"): of the
 * cluster named by `?cluster=`, or of every configured cluster. One cluster
 * failing to answer is shown as its error; the others still list.
 */
export const ImagesPage = () => {
  const metal3Api = useApi(metal3ApiRef);
  const [search] = useSearchParams();
  const only = search.get('cluster') ?? undefined;
  const { value, loading, error } = useLiveValue(async () => {
    const clusters = (await metal3Api.listClusters())
      .map(c => c.name)
      .filter(name => !only || name === only);
    const answers = await Promise.allSettled(
      clusters.map(name => metal3Api.listClusterImages(name)),
    );
    return clusters.map((name, i) => ({ name, answer: answers[i] }));
  }, [metal3Api, only]);

  if (!value) {
    if (error) {
      return (
        <Content>
          <ResponseErrorPanel error={error} />
        </Content>
      );
    }
    return loading ? <Progress /> : null;
  }
  return (
    <Content>
      {/* h2: the page header above is the h1. */}
      <Typography variant="h4" component="h2" paragraph>
        OS images in use{only ? ` in cluster ${only}` : ''}
      </Typography>
      {value.length === 0 && (
        <EmptyState
          missing="data"
          title={
            only
              ? `No cluster named ${only} is configured`
              : 'No clusters configured'
          }
          description="Clusters are listed under metal3.clusters in app-config.yaml."
        />
      )}
      {value.map(({ name, answer }) => {
        if (answer.status === 'rejected') {
          return (
            <WarningPanel
              key={name}
              severity="error"
              title={`Images of cluster ${name} could not be read`}
              message={String(answer.reason?.message ?? answer.reason)}
            />
          );
        }
        if (answer.value.items.length === 0) {
          return (
            <Typography key={name} paragraph>
              Cluster {name}: no pool template or provisioned host names an
              image.
            </Typography>
          );
        }
        return (
          <ImagesTable key={name} cluster={name} images={answer.value.items} />
        );
      })}
    </Content>
  );
};
