import { storageApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo, useState } from 'react';

const KEY = 'fleet-columns';

/**
 * Which fleet columns the user shows, kept in the app's storage API (local
 * storage by default, or the user-settings backend when the app installs it)
 * so the choice survives reloads and follows the user.
 */
export function useColumnPreferences(allIds: string[], defaultIds = allIds) {
  const storage = useApi(storageApiRef);
  const bucket = useMemo(() => storage.forBucket('metal3'), [storage]);
  const [columns, setColumns] = useState<string[]>(() => {
    const stored = bucket.snapshot<string[]>(KEY).value;
    // Ignore ids of columns that no longer exist.
    return Array.isArray(stored)
      ? stored.filter(id => allIds.includes(id))
      : defaultIds;
  });
  const update = useCallback(
    (next: string[]) => {
      setColumns(next);
      bucket.set(KEY, next).catch(() => {
        // Not saved: the choice still holds for this visit.
      });
    },
    [bucket],
  );
  return [columns, update] as const;
}
