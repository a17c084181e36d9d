import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ReactNode } from 'react';

/**
 * A card fed by a runbook endpoint: progress on the first load, the
 * backend's error when it failed (the rest of the page stays usable), the
 * content once there is a value. A reload keeps the last value shown.
 */
export function RunbookCard<T>({
  title,
  state,
  children,
}: {
  title: string;
  state: { value?: T; loading: boolean; error?: Error };
  children: (value: T) => ReactNode;
}) {
  let body: ReactNode;
  if (state.value !== undefined) body = children(state.value);
  else if (state.error) body = <ResponseErrorPanel error={state.error} />;
  else body = <Progress />;
  return <InfoCard title={title}>{body}</InfoCard>;
}
