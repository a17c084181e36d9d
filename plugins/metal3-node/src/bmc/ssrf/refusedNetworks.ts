import { BlockList } from 'node:net';
import { readHost } from './hostLiteral';

/** Why an address is refused; `cloud metadata` can never be allowed. @public */
export type RefusedCategory =
  | 'cloud metadata'
  | 'link-local'
  | 'loopback'
  | 'multicast'
  | 'unspecified'
  | 'reserved';

/** The categories an operator may allow (`metal3.bmc.allow`). @public */
export const ALLOWABLE_CATEGORIES = ['loopback', 'link-local'] as const;
/** @public */
export type AllowableCategory = (typeof ALLOWABLE_CATEGORIES)[number];

/**
 * Addresses a BMC request must never reach unless an operator allows them:
 * where server-side request forgery does harm (instance metadata and
 * credential services, the backend's own loopback services) or where no BMC
 * lives. Checked in this order, so a metadata address inside link-local is
 * reported (and refused) as metadata.
 *
 * @public
 */
export const REFUSED_NETWORKS: Record<RefusedCategory, string[]> = {
  'cloud metadata': [
    // AWS, GCP (metadata.google.internal), Azure IMDS, OpenStack, Oracle
    // Cloud, DigitalOcean, Hetzner, IBM Cloud, Huawei Cloud
    '169.254.169.254/32',
    // AWS IMDS over IPv6, EKS Pod Identity agent (IPv4 and IPv6)
    'fd00:ec2::254/128',
    'fd00:ec2::23/128',
    '169.254.170.23/32',
    // AWS ECS task metadata and credentials endpoint
    '169.254.170.2/32',
    // GCP metadata server for IPv6-only instances
    'fd20:ce::254/128',
    // OpenStack metadata over IPv6
    'fe80::a9fe:a9fe/128',
    // Alibaba Cloud
    '100.100.100.200/32',
    // Oracle Cloud (legacy endpoint)
    '192.0.0.192/32',
    // Azure WireServer (platform agent: extension settings, certificates)
    '168.63.129.16/32',
    // Tencent Cloud (metadata.tencentyun.com)
    '169.254.0.23/32',
    // Scaleway
    '169.254.42.42/32',
  ],
  'link-local': ['169.254.0.0/16', 'fe80::/10'],
  loopback: ['127.0.0.0/8', '::1/128'],
  multicast: ['224.0.0.0/4', 'ff00::/8'],
  unspecified: ['0.0.0.0/8', '::/128'],
  // Class E and the limited broadcast address: no host answers there.
  reserved: ['240.0.0.0/4'],
};

/** A network in CIDR form (or a bare address) as BlockList takes it; throws naming the value. */
export function parseNetwork(cidr: string): {
  network: string;
  prefix: number;
  type: 'ipv4' | 'ipv6';
} {
  const [address, prefixText, ...rest] = cidr.trim().split('/');
  const host = readHost(address);
  if (host.kind !== 'address' || rest.length > 0) {
    throw new Error(`"${cidr}" is not an IP network (CIDR)`);
  }
  const bits = host.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!/^\d*$/.test(prefixText ?? '') || !(prefix >= 0 && prefix <= bits)) {
    throw new Error(`"${cidr}": the prefix length must be 0 to ${bits}`);
  }
  return {
    network: host.address,
    prefix,
    type: host.family === 4 ? 'ipv4' : 'ipv6',
  };
}

/** One BlockList holding `networks`. */
export function blockListOf(networks: string[]): BlockList {
  const list = new BlockList();
  for (const cidr of networks) {
    const { network, prefix, type } = parseNetwork(cidr);
    list.addSubnet(network, prefix, type);
  }
  return list;
}
