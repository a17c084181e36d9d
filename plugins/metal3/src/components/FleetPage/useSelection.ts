import { HostSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import { useCallback, useMemo, useState } from 'react';
import { HostSelection } from '../HostTable';

const keyOf = (h: HostSummaryDto) => `${h.cluster}/${h.namespace}/${h.name}`;

/**
 * The selected hosts, kept across pages so an operator can pick hosts from
 * several pages; the rows are kept too, as a bulk action needs their pool
 * and node, not just their names.
 */
export function useSelection() {
  const [selected, setSelected] = useState<Map<string, HostSummaryDto>>(
    () => new Map(),
  );
  const toggle = useCallback((hosts: HostSummaryDto[]) => {
    setSelected(previous => {
      const next = new Map(previous);
      const all = hosts.every(h => next.has(keyOf(h)));
      for (const host of hosts) {
        if (all) next.delete(keyOf(host));
        else next.set(keyOf(host), host);
      }
      return next;
    });
  }, []);
  const remove = useCallback((hosts: HostSummaryDto[]) => {
    setSelected(previous => {
      const next = new Map(previous);
      hosts.forEach(h => next.delete(keyOf(h)));
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Map()), []);
  const selection: HostSelection = useMemo(
    () => ({ isSelected: h => selected.has(keyOf(h)), toggle }),
    [selected, toggle],
  );
  const hosts = useMemo(() => [...selected.values()], [selected]);
  return { selection, hosts, remove, clear };
}
