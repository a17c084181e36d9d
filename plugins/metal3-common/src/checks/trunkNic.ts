/**
 * Which NIC of a server is its trunk: the VLAN-capable NIC connected to the
 * cloud/provider switch (the guide's "Trunk NIC name", e.g. eth1 or
 * enp94s0f0np0). Kube-OVN's ProviderNetwork must name it for every node.
 *
 * Same rule as `pickTrunkNic` in the scaffolder module's
 * manifests/providerNetwork.ts, written to replace it: the action that adds
 * `customInterfaces` entries and the check that says one is missing must
 * pick the same NIC, or the fix would not clear the problem.
 */

/** One NIC of `status.hardware.nics` (Metal3 lists one entry per address of a NIC). @public */
export interface InspectedNic {
  name?: string;
  mac?: string;
  ip?: string;
  speedGbps?: number;
}

/**
 * The trunk NIC of one inspected host: the named one when `nicName` is given
 * (and present), else the fastest NIC that is not the boot NIC and has no
 * address (the trunk carries tagged VLAN traffic only; the guide: "Do NOT
 * assign an IP; Kube-OVN manages this via OVS bridges"). A NIC counts as
 * addressed when any of its entries has an address. Ties keep inspection
 * order. Undefined when none fits.
 *
 * @public
 */
export function pickTrunkNic(
  nics: readonly InspectedNic[],
  bootMAC: string | undefined,
  nicName?: string,
): string | undefined {
  if (nicName) return nics.some(n => n.name === nicName) ? nicName : undefined;
  const candidates = nics.filter(n => isTrunkCandidate(nics, n.name, bootMAC));
  const fastest = [...candidates].sort(
    (a, b) => (b.speedGbps ?? 0) - (a.speedGbps ?? 0),
  );
  return fastest[0]?.name;
}

/**
 * Whether the NIC called `name` can carry the trunk: it exists, is not the
 * boot NIC and has no address in any of its entries.
 *
 * @public
 */
export function isTrunkCandidate(
  nics: readonly InspectedNic[],
  name: string | undefined,
  bootMAC: string | undefined,
): boolean {
  if (!name) return false;
  const entries = nics.filter(n => n.name === name);
  const boot = bootMAC?.toLowerCase();
  return (
    entries.length > 0 &&
    entries.every(
      n => !n.ip && (boot === undefined || n.mac?.toLowerCase() !== boot),
    )
  );
}
