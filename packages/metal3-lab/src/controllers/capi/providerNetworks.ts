import { ControllerContext } from './context';
import { isNodeReady, R } from './resources';

/**
 * Kube-OVN's ProviderNetwork status as its daemon reports it: a node is
 * ready for the network when it is Ready, not excluded, and has the NIC the
 * network names for it (a customInterfaces entry for the node, else the
 * defaultInterface); the NICs are read from the BareMetalHost behind the
 * node's provider ID.
 */
export function reconcileProviderNetworks(ctx: ControllerContext): void {
  const { store } = ctx;
  const nodes = store.list(R.node);
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
    const status = {
      ...network.status,
      ready: ready.length > 0,
      readyNodes: ready.sort(),
      notReadyNodes: notReady.sort(),
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
