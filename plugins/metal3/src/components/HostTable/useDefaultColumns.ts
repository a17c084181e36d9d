import { useMediaQuery } from '@material-ui/core';
import { useMemo } from 'react';
import { defaultColumnIds, VIEWPORT_STEPS } from './columns';

/**
 * The fleet columns shown by default at the window's width. It re-renders
 * only when the window crosses a step (1440, 1920 px), not on every resize.
 */
export function useDefaultColumns(): string[] {
  const [wide, widest] = VIEWPORT_STEPS;
  const atWide = useMediaQuery(`(min-width:${wide}px)`, { noSsr: true });
  const atWidest = useMediaQuery(`(min-width:${widest}px)`, { noSsr: true });
  let step = 0;
  if (atWidest) step = widest;
  else if (atWide) step = wide;
  return useMemo(() => defaultColumnIds(step), [step]);
}
