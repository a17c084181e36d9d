import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useLatest from 'react-use/esm/useLatest';
import { HostListParams } from '../../api';
import { GroupBy, isGroupBy } from '../HostTable/grouping';

const LIST_KEYS = ['status', 'cluster', 'pool', 'vendor', 'protocol'] as const;
export type FacetKey = (typeof LIST_KEYS)[number];

/**
 * The fleet filters live in the URL, so a filtered view can be bookmarked and
 * shared (`/metal3?status=error&q=dell -gpu`).
 */
export function useFleetFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  // React Router makes a new setter on every URL change; `update` stays the
  // same function, so what receives it (the memoized overview chart, the
  // search box's effect) does not re-render or re-run on each search.
  const latestSetSearchParams = useLatest(setSearchParams);

  // Only what the API reads, so a view-only change (grouping) loads nothing.
  const query = useMemo(() => {
    const api = new URLSearchParams(searchParams);
    api.delete('group');
    return api.toString();
  }, [searchParams]);
  const group = searchParams.get('group');
  const groupBy: GroupBy | undefined = isGroupBy(group) ? group : undefined;

  const params: HostListParams = useMemo(
    () => ({
      q: searchParams.get('q') ?? undefined,
      sort: searchParams.get('sort') ?? 'name',
      attention: searchParams.get('attention') === 'true',
      ...Object.fromEntries(
        LIST_KEYS.map(key => [key, searchParams.getAll(key)]).filter(
          ([, v]) => v.length > 0,
        ),
      ),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [query],
  );

  const update = useCallback(
    (
      change: Partial<
        Record<FacetKey, string[]> & {
          q: string;
          sort: string;
          attention: boolean;
          group: string;
        }
      >,
    ) => {
      latestSetSearchParams.current(
        previous => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(change)) {
            next.delete(key);
            if (Array.isArray(value)) value.forEach(v => next.append(key, v));
            else if (value !== undefined && value !== '' && value !== false)
              next.set(key, String(value));
          }
          return next;
        },
        { replace: true },
      );
    },
    [latestSetSearchParams],
  );

  return { params, groupBy, update };
}
