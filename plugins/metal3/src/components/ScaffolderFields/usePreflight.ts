import { useApi } from '@backstage/frontend-plugin-api';
import {
  BmcPreflightRequest,
  BmcPreflightResponse,
} from '@internal/plugin-metal3-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { metal3ApiRef } from '../../api';

/** Wait after the last keystroke before asking the backend to reach the BMC. */
export const PREFLIGHT_DEBOUNCE_MS = 800;

/**
 * Runs the BMC preflight when the request changes (debounced) or on
 * demand. Only the newest request's answer is kept: the user may type
 * faster than a BMC answers.
 */
export function usePreflight(request?: BmcPreflightRequest) {
  const metal3Api = useApi(metal3ApiRef);
  const [result, setResult] = useState<BmcPreflightResponse>();
  const [error, setError] = useState<Error>();
  const [running, setRunning] = useState(false);
  const latest = useRef(0);
  const key = request ? JSON.stringify(request) : '';

  const run = useCallback(async () => {
    if (!key) return;
    const id = ++latest.current;
    setRunning(true);
    setError(undefined);
    try {
      const response = await metal3Api.preflightBmc(JSON.parse(key));
      if (id === latest.current) setResult(response);
    } catch (e) {
      if (id === latest.current) {
        setResult(undefined);
        setError(e as Error);
      }
    } finally {
      if (id === latest.current) setRunning(false);
    }
  }, [metal3Api, key]);

  useEffect(() => {
    if (!key) {
      latest.current++;
      setResult(undefined);
      setError(undefined);
      setRunning(false);
      return undefined;
    }
    const timer = setTimeout(run, PREFLIGHT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, run]);

  return { result, error, running, run };
}
