import { validateBootMac } from '@metal3-fleet/plugin-metal3-common';
import {
  CapiVersion,
  CLUSTER_NAME_LABEL,
  infraApiVersion,
  IPAM_GROUP,
} from './capi';
import { FieldError, fieldProblem, throwIfInvalid } from './fieldErrors';

/**
 * One NIC of the pool's servers. It is found on each host either by its
 * inspected name (`interface`, e.g. `eno12399`: the same on identical
 * hardware) or by a fixed MAC (`macAddress`, for one-off hosts).
 */
export interface PoolNic {
  /** Link id in the network data; default the interface name or `nic<i>`. */
  id?: string;
  interface?: string;
  macAddress?: string;
  mtu?: number;
  /** This NIC gets the node address from the pool's IPPool (exactly one NIC). */
  addressFromPool?: boolean;
  /**
   * The VLAN trunk Kube-OVN attaches to: configured up but without an
   * address (tagged traffic only; an address would steal it from OVS).
   */
  trunk?: boolean;
}

export interface DataTemplateInput {
  name: string;
  namespace: string;
  clusterName: string;
  ipPoolName: string;
  /** Add a default route through the pool's gateway. */
  defaultRoute: boolean;
  nics: PoolNic[];
}

/** Linux interface names: what cloud-init and Kube-OVN accept. */
const IFNAME = /^[a-zA-Z][a-zA-Z0-9._-]{0,14}$/;

export const nicId = (nic: PoolNic, index: number) =>
  nic.id ?? nic.interface ?? `nic${index}`;

export function validateNics(nics: PoolNic[], field = 'nics'): FieldError[] {
  const errors: FieldError[] = [];
  if (!nics?.length) {
    return [
      fieldProblem(field, 'name at least the NIC that gets the node address'),
    ];
  }
  const ids = new Set<string>();
  nics.forEach((nic, i) => {
    const at = `${field}[${i}]`;
    if (Boolean(nic.interface) === Boolean(nic.macAddress)) {
      errors.push(
        fieldProblem(
          at,
          'give either interface (the inspected NIC name) or macAddress',
        ),
      );
    }
    if (nic.interface && !IFNAME.test(nic.interface)) {
      errors.push(
        fieldProblem(
          `${at}.interface`,
          `"${nic.interface}" is not a network interface name`,
        ),
      );
    }
    if (nic.macAddress) {
      const mac = validateBootMac(nic.macAddress);
      if (!mac.ok) {
        errors.push(
          fieldProblem(
            `${at}.macAddress`,
            `"${nic.macAddress}" is not a MAC address such as 52:54:00:12:34:56`,
          ),
        );
      }
    }
    const id = nicId(nic, i);
    if (!IFNAME.test(id)) {
      errors.push(fieldProblem(`${at}.id`, `"${id}" is not a valid link id`));
    }
    if (ids.has(id)) {
      errors.push(fieldProblem(`${at}.id`, `"${id}" is used by two NICs`));
    }
    ids.add(id);
    if (nic.mtu !== undefined && (nic.mtu < 1280 || nic.mtu > 9216)) {
      errors.push(
        fieldProblem(`${at}.mtu`, `${nic.mtu} is not between 1280 and 9216`),
      );
    }
    if (nic.trunk && nic.addressFromPool) {
      errors.push(
        fieldProblem(
          `${at}.addressFromPool`,
          'the VLAN trunk NIC carries no address',
        ),
      );
    }
  });
  const addressed = nics.filter(n => n.addressFromPool).length;
  if (addressed !== 1) {
    errors.push(
      fieldProblem(
        field,
        `exactly one NIC must have addressFromPool (found ${addressed})`,
      ),
    );
  }
  return errors;
}

/**
 * The Metal3DataTemplate: the network data cloud-init applies on each new
 * server. The addressed NIC takes its IPv4 from the IPPool through IPAM; the
 * trunk NIC is declared (so it is brought up) with no network on it.
 */
export function buildMetal3DataTemplate(
  input: DataTemplateInput,
  v: CapiVersion,
) {
  throwIfInvalid(validateNics(input.nics));
  const poolRef = {
    apiGroup: IPAM_GROUP,
    kind: 'IPPool',
    name: input.ipPoolName,
  };
  const addressed = input.nics.findIndex(n => n.addressFromPool);
  const link = nicId(input.nics[addressed], addressed);
  return {
    apiVersion: infraApiVersion(v),
    kind: 'Metal3DataTemplate',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: { [CLUSTER_NAME_LABEL]: input.clusterName },
    },
    spec: {
      clusterName: input.clusterName,
      networkData: {
        links: {
          ethernets: input.nics.map((nic, i) => ({
            type: 'phy',
            id: nicId(nic, i),
            macAddress: nic.macAddress
              ? { string: validateMac(nic.macAddress) }
              : { fromHostInterface: nic.interface },
            ...(nic.mtu && { mtu: nic.mtu }),
          })),
        },
        networks: {
          ipv4: [
            {
              id: `${link}-ipv4`,
              link,
              fromPoolRef: poolRef,
              ...(input.defaultRoute && {
                routes: [
                  {
                    network: '0.0.0.0',
                    prefix: 0,
                    gateway: { fromPoolRef: poolRef },
                  },
                ],
              }),
            },
          ],
        },
      },
    },
  };
}

function validateMac(mac: string): string {
  const result = validateBootMac(mac);
  return result.ok ? result.mac : mac;
}
