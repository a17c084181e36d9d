import { useApi } from '@backstage/frontend-plugin-api';
import {
  BmcPreflightRequest,
  BmcPreflightResponse,
} from '@metal3-fleet/plugin-metal3-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { metal3ApiRef } from '../../api';

/**
 * The BMC preflight, run only when asked: the request carries the BMC
 * password, so it goes out on an explicit action (the "Check" button, the
 * address field losing focus), never on a pause while typing, where every
 * half-typed address would receive the password. Only the newest request's
 * answer is kept; an answer no longer matches once the request changes, so
 * it is cleared.
 */
export function usePreflight(request?: BmcPreflightRequest) {
  const metal3Api = useApi(metal3ApiRef);
  const [result, setResult] = useState<BmcPreflightResponse>();
  const [error, setError] = useState<Error>();
  const [running, setRunning] = useState(false);
  const latest = useRef(0);
  /** The request the shown answer (or the one on its way) belongs to. */
  const checked = useRef('');
  const key = request ? JSON.stringify(request) : '';

  useEffect(() => {
    if (key === checked.current) return;
    latest.current++;
    checked.current = '';
    setResult(undefined);
    setError(undefined);
    setRunning(false);
  }, [key]);

  /** Sends the current request (the "Check" button). */
  const run = useCallback(async () => {
    if (!key) return;
    const id = ++latest.current;
    checked.current = key;
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

  /** Sends the request unless this very request was sent already (leaving the field). */
  const runIfChanged = useCallback(() => {
    if (key && key !== checked.current) run();
  }, [key, run]);

  return { result, error, running, run, runIfChanged };
}
