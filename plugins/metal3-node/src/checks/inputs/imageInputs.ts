import type {
  HostImageUse,
  ImageSpec,
  ImagesInput,
  PoolImageUse,
  UrlProbe,
} from '@metal3-fleet/plugin-metal3-common';
import type {
  BareMetalHostProjection,
  MachineDeploymentProjection,
  Metal3MachineTemplateProjection,
} from '../../cluster/projections';
import { FleetLookup, poolTemplate } from '../../fleet/fleetLinks';
import { LinkedHost, refOf } from './hostLinks';

/** Whether a pool is built from a Metal3MachineTemplate (the only ones with a bare-metal image). */
export function isMetal3Pool(pool: MachineDeploymentProjection): boolean {
  return pool.infrastructureRef?.kind === 'Metal3MachineTemplate';
}

/** The `spec.image` of a pool template, or why there is none. */
export function templateImage(
  pool: MachineDeploymentProjection,
  template: Metal3MachineTemplateProjection | undefined,
): PoolImageUse['image'] {
  if (!template) {
    return {
      unavailable: `Metal3MachineTemplate ${
        pool.infrastructureRef?.name ?? '(none)'
      } of pool ${pool.name} is not in the cluster`,
    };
  }
  if (!template.imageUrl) {
    return {
      unavailable: `Metal3MachineTemplate ${template.name} has no spec.template.spec.image.url`,
    };
  }
  return {
    url: template.imageUrl,
    ...(template.imageChecksum && { checksum: template.imageChecksum }),
    ...(template.imageChecksumType && {
      checksumType: template.imageChecksumType,
    }),
    ...(template.imageFormat && { format: template.imageFormat }),
  };
}

/** The image a provisioned host was written with, when it names one. */
export function hostImage(
  host: BareMetalHostProjection,
): ImageSpec | undefined {
  if (!host.imageUrl) return undefined;
  return {
    url: host.imageUrl,
    ...(host.imageChecksum && { checksum: host.imageChecksum }),
    ...(host.imageChecksumType && { checksumType: host.imageChecksumType }),
    ...(host.imageFormat && { format: host.imageFormat }),
  };
}

/** Every image in use: each Metal3 pool's template, each host that names one. */
export function imagesInput(options: {
  cluster: string;
  cache: FleetLookup;
  hosts: readonly LinkedHost[];
  probes: Record<string, UrlProbe>;
}): ImagesInput {
  const { cache } = options;
  const pools: PoolImageUse[] = cache
    .list('machinedeployments')
    .filter(isMetal3Pool)
    .map(pool => ({
      pool: refOf(pool),
      image: templateImage(pool, poolTemplate(cache, pool)),
      ...(pool.version && { kubernetesVersion: pool.version }),
    }));
  const hosts: HostImageUse[] = options.hosts.flatMap(({ host, ref, pool }) => {
    const image = hostImage(host);
    return image ? [{ host: ref, ...(pool && { pool }), image }] : [];
  });
  return { cluster: options.cluster, pools, hosts, probes: options.probes };
}

/** The URLs a HEAD probe should look at: every image URL and checksum URL in use. */
export function urlsToProbe(input: ImagesInput): string[] {
  const urls = new Set<string>();
  const add = (spec: ImageSpec) => {
    urls.add(spec.url);
    if (spec.checksum && /^[a-z][a-z0-9+.-]*:\/\//i.test(spec.checksum)) {
      urls.add(spec.checksum);
    }
  };
  for (const use of input.pools) if ('url' in use.image) add(use.image);
  for (const use of input.hosts) add(use.image);
  return [...urls];
}
