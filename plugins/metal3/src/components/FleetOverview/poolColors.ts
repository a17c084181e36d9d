import { darken, lighten, Theme } from '@material-ui/core/styles';

// Lighter and darker steps of the theme's primary colour: pools are parts of
// one whole, not states, so they share a hue that no status uses for a
// warning or an error.
const STEPS = [0, 0.35, -0.3, 0.55, -0.5, 0.7, 0.2, -0.15];

/** The colour of the pool at `index` (segment order); grey for hosts in no pool. */
export function poolColor(
  theme: Theme,
  index: number,
  inNoPool = false,
): string {
  if (inNoPool) return theme.palette.grey[400];
  const base = theme.palette.primary.main;
  const step = STEPS[index % STEPS.length];
  if (step > 0) return lighten(base, step);
  if (step < 0) return darken(base, -step);
  return base;
}
