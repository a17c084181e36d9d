import { validateSubdomainName } from '@metal3-fleet/plugin-metal3-common';
import { CLUSTER_NAME_LABEL, IPAM_GROUP } from './capi';
import {
  FieldError,
  fieldProblem,
  ipv4ToNumber,
  isIPv4,
  throwIfInvalid,
} from './fieldErrors';

/** The addresses a worker pool's provisioning NIC gets (Metal3 IPAM). */
export interface IPPoolInput {
  name: string;
  namespace: string;
  clusterName: string;
  start: string;
  end: string;
  /** Prefix length of the subnet, e.g. 24. */
  prefix: number;
  gateway?: string;
  dnsServers?: string[];
}

/** Every problem of the range, each naming its field under `field` (e.g. `ipPool.start`). */
export function validateIPPool(
  input: IPPoolInput,
  field = 'ipPool',
): FieldError[] {
  const errors: (FieldError | undefined)[] = [
    validateSubdomainName(input.name, `${field}.name`),
  ];
  for (const key of ['start', 'end'] as const) {
    if (!isIPv4(input[key])) {
      errors.push(
        fieldProblem(
          `${field}.${key}`,
          `"${input[key] ?? ''}" is not an IPv4 address`,
        ),
      );
    }
  }
  if (
    isIPv4(input.start) &&
    isIPv4(input.end) &&
    ipv4ToNumber(input.start) > ipv4ToNumber(input.end)
  ) {
    errors.push(
      fieldProblem(
        `${field}.end`,
        `${input.end} comes before start ${input.start}`,
      ),
    );
  }
  if (
    !Number.isInteger(input.prefix) ||
    input.prefix < 1 ||
    input.prefix > 32
  ) {
    errors.push(
      fieldProblem(
        `${field}.prefix`,
        `${input.prefix} is not a prefix length between 1 and 32`,
      ),
    );
  }
  if (input.gateway !== undefined && !isIPv4(input.gateway)) {
    errors.push(
      fieldProblem(
        `${field}.gateway`,
        `"${input.gateway}" is not an IPv4 address`,
      ),
    );
  } else if (
    input.gateway &&
    isIPv4(input.start) &&
    Number.isInteger(input.prefix) &&
    !sameSubnet(input.gateway, input.start, input.prefix)
  ) {
    errors.push(
      fieldProblem(
        `${field}.gateway`,
        `${input.gateway} is outside ${input.start}/${input.prefix}`,
      ),
    );
  }
  (input.dnsServers ?? []).forEach((server, i) => {
    if (!isIPv4(server)) {
      errors.push(
        fieldProblem(
          `${field}.dnsServers[${i}]`,
          `"${server}" is not an IPv4 address`,
        ),
      );
    }
  });
  return errors.filter((e): e is FieldError => Boolean(e));
}

function sameSubnet(a: string, b: string, prefix: number): boolean {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (ipv4ToNumber(a) & mask) >>> 0 === (ipv4ToNumber(b) & mask) >>> 0;
}

export function buildIPPool(input: IPPoolInput) {
  throwIfInvalid(validateIPPool(input));
  return {
    apiVersion: `${IPAM_GROUP}/v1alpha1`,
    kind: 'IPPool',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: { [CLUSTER_NAME_LABEL]: input.clusterName },
    },
    spec: {
      clusterName: input.clusterName,
      // IPAddress objects are named <namePrefix>-<index>.
      namePrefix: input.name,
      pools: [{ start: input.start, end: input.end }],
      prefix: input.prefix,
      ...(input.gateway && { gateway: input.gateway }),
      ...(input.dnsServers?.length && { dnsServers: input.dnsServers }),
    },
  };
}
