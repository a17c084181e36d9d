import { BmcNicDto } from '@metal3-fleet/plugin-metal3-common';
import { useEffect, useSyncExternalStore } from 'react';

/**
 * How the BMC address field fills the boot MAC field beside it. A
 * scaffolder field can only change its own value, so the address field
 * publishes here the NICs its preflight found and the one the user picked,
 * and the `Metal3BootMac` field (on the sibling) takes the pick as its value.
 * Keyed by the boot MAC field's name, so two address/MAC pairs can coexist.
 */
interface Channel {
  candidates: BmcNicDto[];
  listeners: Set<() => void>;
  pickers: Set<(mac: string) => void>;
}

const channels = new Map<string, Channel>();

function channel(field: string): Channel {
  let c = channels.get(field);
  if (!c) {
    c = { candidates: [], listeners: new Set(), pickers: new Set() };
    channels.set(field, c);
  }
  return c;
}

const notify = (c: Channel) => c.listeners.forEach(listener => listener());

export function publishBootMacCandidates(field: string, list: BmcNicDto[]) {
  const c = channel(field);
  c.candidates = list;
  notify(c);
}

/** Gives the pick to the boot MAC field; false when no such field listens. */
export function pickBootMac(field: string, mac: string): boolean {
  const c = channel(field);
  c.pickers.forEach(pick => pick(mac));
  return c.pickers.size > 0;
}

/** The NICs the last preflight found, for the boot MAC field's menu. */
export function useBootMacCandidates(field: string): BmcNicDto[] {
  const c = channel(field);
  return useSyncExternalStore(
    listener => {
      c.listeners.add(listener);
      return () => c.listeners.delete(listener);
    },
    () => c.candidates,
  );
}

/** Whether a boot MAC field listens, so the address field can offer "Use". */
export function useBootMacListened(field: string): boolean {
  const c = channel(field);
  return useSyncExternalStore(
    listener => {
      c.listeners.add(listener);
      return () => c.listeners.delete(listener);
    },
    () => c.pickers.size > 0,
  );
}

/** Called by the boot MAC field: take each pick as the field's value. */
export function useBootMacPicks(field: string, onPick: (mac: string) => void) {
  useEffect(() => {
    const c = channel(field);
    c.pickers.add(onPick);
    notify(c);
    return () => {
      c.pickers.delete(onPick);
      notify(c);
    };
  }, [field, onPick]);
}

/** For tests: forget every channel. */
export function resetBootMacChannels() {
  channels.clear();
}
