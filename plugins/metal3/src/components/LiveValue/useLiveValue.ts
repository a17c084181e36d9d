import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';

/** How often live pages re-read the backend: power and state move while open. */
export const LIVE_REFRESH_MS = 5000;

/** Loads a value and keeps it fresh; the last value stays shown while reloading. */
export function useLiveValue<T>(load: () => Promise<T>, deps: unknown[]) {
  const state = useAsyncRetry(load, deps);
  useInterval(state.retry, LIVE_REFRESH_MS);
  return state;
}
