import type { UrlProbe } from '@metal3-fleet/plugin-metal3-common';

/**
 * A HEAD probe in words: reachable or not, why, and when it was made (the
 * backend caches probes, so the time says how old the answer is). A 2xx or
 * 3xx answer counts as reachable, as it does for Ironic's download.
 */
export function probeText(probe: UrlProbe | undefined): string {
  if (!probe) return 'not probed';
  const at = probe.checkedAt ? `, checked ${probe.checkedAt}` : '';
  if (probe.skipped) return `not probed: ${probe.skipped}`;
  if (probe.error) return `unreachable: ${probe.error}${at}`;
  if (probe.status === undefined) return `no answer${at}`;
  const ok = probe.status >= 200 && probe.status < 400;
  return `${ok ? 'reachable' : 'unreachable'} (HTTP ${probe.status})${at}`;
}
