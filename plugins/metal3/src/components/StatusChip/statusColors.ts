import type {
  HostHealth,
  HostStatusCode,
} from '@metal3-fleet/plugin-metal3-common';
import { darken, lighten, Theme } from '@material-ui/core/styles';

/**
 * Status colours, one home for the chip and the charts: the Backstage
 * theme's status palette (what its own StatusOK/StatusRunning/... use), so a
 * custom or dark theme recolours the fleet too.
 */
export function healthColor(theme: Theme, health: HostHealth): string {
  // `palette.status` is Backstage's; a plain Material UI theme lacks it.
  const status = theme.palette.status as Theme['palette']['status'] | undefined;
  switch (health) {
    case 'ok':
      return status?.ok ?? theme.palette.success.main;
    case 'progressing':
      return status?.running ?? theme.palette.info.main;
    case 'attention':
      return status?.warning ?? theme.palette.warning.main;
    case 'error':
      return status?.error ?? theme.palette.error.main;
    default:
      return status?.aborted ?? theme.palette.grey[600];
  }
}

/**
 * The health of a status code when only the code is known: the fleet's
 * facets count hosts per code, so a chart cannot see the flags that turn a
 * provisioned host into one needing attention.
 */
export const CODE_HEALTH: Record<HostStatusCode, HostHealth> = {
  // Order matters: the first code of a health gets the chip's own colour,
  // the next ones lighter and darker shades (SHADES). Free hosts
  // ("available") are the lighter green of the pool capacity bar too.
  provisioned: 'ok',
  available: 'ok',
  'externally-provisioned': 'ok',
  registering: 'progressing',
  inspecting: 'progressing',
  preparing: 'progressing',
  provisioning: 'progressing',
  deprovisioning: 'progressing',
  deleting: 'progressing',
  unmanaged: 'attention',
  error: 'error',
  unknown: 'unknown',
};

/**
 * Shade steps for codes that share a health, so neighbouring segments of a
 * stacked bar stay apart while keeping the chip's hue: + lightens, − darkens.
 */
const SHADES = [0, 0.35, -0.25, 0.55, -0.4, 0.7];

/** The chart colour of a status code (a facet value); unknown codes are grey. */
export function statusCodeColor(theme: Theme, code: string): string {
  const health = CODE_HEALTH[code as HostStatusCode] ?? 'unknown';
  const siblings = (Object.keys(CODE_HEALTH) as HostStatusCode[]).filter(
    c => CODE_HEALTH[c] === health,
  );
  const shade = SHADES[Math.max(0, siblings.indexOf(code as HostStatusCode))];
  const base = healthColor(theme, health);
  if (shade > 0) return lighten(base, shade);
  if (shade < 0) return darken(base, -shade);
  return base;
}
