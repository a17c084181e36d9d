import { ControllerContext } from './context';
import { isNodeReady, R } from './resources';

/**
 * Kube-OVN's ProviderNetwork status as its daemon reports it: a node is
 * ready for the network when it is Ready, not excluded, and has the NIC the
 * network names for it (a customInterfaces entry for the node, else the
 * defaultInterface); the NICs are read from the BareMetalHost behind the
 * node's provider ID. `status.vlans` names the Vlans whose provider is the
 * network, as Kube-OVN's controller lists them.
 */
export function reconcileProviderNetworks(ctx: ControllerContext): void {
  const { store } = ctx;
  const nodes = store.list(R.node);
  const vlans = store.list(R.vlan);
  for (const network of store.list(R.providerNetwork)) {
    const spec = network.spec ?? {};
    const excluded: string[] = spec.excludeNodes ?? [];
    const ready: string[] = [];
    const notReady: string[] = [];
    for (const node of nodes) {
      const name = node.metadata.name!;
      if (excluded.includes(name)) continue;
      const custom = (spec.customInterfaces ?? []).find((c: any) =>
        (c.nodes ?? []).includes(name),
      );
      const wanted: string | undefined =
        custom?.interface ?? spec.defaultInterface;
      const [, , namespace, host] = String(node.spec?.providerID ?? '').split(
        '/',
      );
      const nics: any[] = host
        ? store.get(R.bmh, namespace, host)?.status?.hardware?.nics ?? []
        : [];
      const hasNic = nics.some(n => n.name === wanted);
      (isNodeReady(node) && hasNic ? ready : notReady).push(name);
    }
    const onNetwork = vlans
      .filter(v => v.spec?.provider === network.metadata.name)
      .map(v => v.metadata.name!)
      .sort();
    const { vlans: _listed, ...rest } = network.status ?? {};
    const status = {
      ...rest,
      ready: ready.length > 0,
      readyNodes: ready.sort(),
      notReadyNodes: notReady.sort(),
      ...(onNetwork.length > 0 && { vlans: onNetwork }),
    };
    if (JSON.stringify(status) !== JSON.stringify(network.status)) {
      store.update(
        R.providerNetwork,
        { ...network, status },
        { subresource: 'status' },
      );
    }
  }
}
