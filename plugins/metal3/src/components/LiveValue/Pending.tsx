import {
  Content,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';

/**
 * What a live page shows before it has a value: progress on the first load,
 * the backend's error when the first load failed. Null once there is a value.
 */
export const Pending = ({
  hasValue,
  loading,
  error,
}: {
  hasValue: boolean;
  loading: boolean;
  error?: Error;
}) => {
  if (hasValue) return null;
  if (loading) return <Progress />;
  return error ? (
    <Content>
      <ResponseErrorPanel error={error} />
    </Content>
  ) : null;
};
