import { storageApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo, useState } from 'react';

const KEY = 'fleet-columns';

/**
 * Which fleet columns the user shows. Until the user chooses, the default
 * for the screen's width (`defaultIds`, which follows the window as it
 * resizes); once they choose, their choice, kept in the app's storage API
 * (local storage by default, or the user-settings backend when the app
 * installs it) so it survives reloads and follows the user. `reset` goes
 * back to the width's default.
 */
export function useColumnPreferences(allIds: string[], defaultIds: string[]) {
  const storage = useApi(storageApiRef);
  const bucket = useMemo(() => storage.forBucket('metal3'), [storage]);
  const [chosen, setChosen] = useState<string[] | undefined>(() => {
    const stored = bucket.snapshot<string[]>(KEY).value;
    // Ignore ids of columns that no longer exist.
    return Array.isArray(stored)
      ? stored.filter(id => allIds.includes(id))
      : undefined;
  });
  const choose = useCallback(
    (next: string[]) => {
      setChosen(next);
      bucket.set(KEY, next).catch(() => {
        // Not saved: the choice still holds for this visit.
      });
    },
    [bucket],
  );
  const reset = useCallback(() => {
    setChosen(undefined);
    bucket.remove(KEY).catch(() => {
      // Not removed: the default still holds for this visit.
    });
  }, [bucket]);
  return {
    columns: chosen ?? defaultIds,
    chosen: chosen !== undefined,
    choose,
    reset,
  };
}
