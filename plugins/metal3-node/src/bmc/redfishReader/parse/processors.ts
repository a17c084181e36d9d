import type { BmcInventoryDto } from '@metal3-fleet/plugin-metal3-common';
import { num, text } from './text';

/**
 * CPUs from the Processors members when there are any (only ProcessorType
 * CPU: rackmount1 lists an FPGA there), else from ProcessorSummary, whose
 * Model is sometimes just "Central Processor".
 */
export function parseProcessors(
  system: any,
  processors: any[],
): BmcInventoryDto['processors'] {
  // Installed CPUs only: rackmount1 also lists an FPGA and an empty socket.
  const cpus = processors.filter(
    p =>
      (!p?.ProcessorType || p.ProcessorType === 'CPU') &&
      p?.Status?.State !== 'Absent',
  );
  const summary = system?.ProcessorSummary ?? {};
  const sum = (key: string) =>
    cpus.reduce((total, p) => total + (num(p?.[key]) ?? 0), 0) || undefined;
  const model = text(cpus[0]?.Model) ?? text(summary.Model);
  const cores = sum('TotalCores') ?? num(summary.CoreCount);
  const threads = sum('TotalThreads') ?? num(summary.LogicalProcessorCount);
  return {
    ...((cpus.length || num(summary.Count)) && {
      count: cpus.length || num(summary.Count),
    }),
    ...(model && { model }),
    ...(cores && { cores }),
    ...(threads && { threads }),
  };
}

/** Total memory from MemorySummary (a float GiB, sometimes 0 when unknown). */
export function parseMemory(system: any): BmcInventoryDto['memory'] {
  const gib = num(system?.MemorySummary?.TotalSystemMemoryGiB);
  return gib ? { totalGiB: gib } : {};
}
