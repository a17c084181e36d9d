/**
 * The OS images in use in a cluster: every image a pool template or a
 * provisioned host names, grouped by URL, with who uses it and what a HEAD
 * request got. The rows of the images view, and what the image checks run on.
 */
import { redactUrlUserinfo } from './imageRefs';
import { ImageSpec, isChecksumUrl, isVersionedImageUrl } from './imageRules';
import { Available, isUnavailable } from './inputs';
import type { NamespacedRef } from './subjects';

/** The image of one pool's Metal3MachineTemplate (unavailable when the template could not be read). @public */
export interface PoolImageUse {
  pool: NamespacedRef;
  image: Available<ImageSpec>;
  /** The pool's Kubernetes version, to prefill the upgrade template. */
  kubernetesVersion?: string;
}

/** The image a provisioned host was written with (`spec.image`). @public */
export interface HostImageUse {
  host: NamespacedRef;
  pool?: NamespacedRef;
  image: ImageSpec;
}

/**
 * The answer to a HEAD request, made by the backend through its SSRF guard.
 * `status` when the server answered, `error` when it did not (timeout,
 * refused, TLS), `skipped` when the portal may not ask (the guard refused
 * the address; the text names the config key).
 *
 * @public
 */
export interface UrlProbe {
  status?: number;
  error?: string;
  skipped?: string;
  /** ISO time of the request, for "checked 3 min ago". */
  checkedAt?: string;
}

/** @public */
export interface ImagesInput {
  cluster: string;
  pools: PoolImageUse[];
  hosts: HostImageUse[];
  /** HEAD results by URL as written in the specs; a URL without entry has not been probed. */
  probes?: Record<string, UrlProbe>;
}

/** One distinct checksum/format an image URL is used with, and by whom. @public */
export interface ImageVariant {
  /** The digest or checksum URL (userinfo redacted). */
  checksum?: string;
  checksumType?: string;
  format?: string;
  checksumProbe?: UrlProbe;
  pools: NamespacedRef[];
  hosts: NamespacedRef[];
}

/** One row of the images view. @public */
export interface ImageInUse {
  cluster: string;
  /** Userinfo redacted. */
  url: string;
  /** Undefined when the URL names no file. */
  versioned?: boolean;
  urlProbe?: UrlProbe;
  variants: ImageVariant[];
  pools: NamespacedRef[];
  hosts: NamespacedRef[];
}

/** A spec as written (raw URLs, for probes and prefills) and its users; internal to the image checks. */
export interface Variant {
  spec: ImageSpec;
  pools: PoolImageUse[];
  hosts: NamespacedRef[];
}

/** One URL as written and its variants; internal to the image checks. */
export interface Group {
  rawUrl: string;
  variants: Variant[];
}

/** Images in use grouped by URL, each with its variants and users (the images view). @public */
export function collectImages(input: ImagesInput): ImageInUse[] {
  return groupImages(input).map(group => {
    const users = usersOf(group);
    return {
      cluster: input.cluster,
      url: redactUrlUserinfo(group.rawUrl),
      versioned: isVersionedImageUrl(group.rawUrl),
      urlProbe: input.probes?.[group.rawUrl],
      variants: group.variants.map(v => ({
        ...(v.spec.checksum !== undefined && {
          checksum: redactUrlUserinfo(v.spec.checksum),
        }),
        ...(v.spec.checksumType !== undefined && {
          checksumType: v.spec.checksumType,
        }),
        ...(v.spec.format !== undefined && { format: v.spec.format }),
        ...(v.spec.checksum &&
          isChecksumUrl(v.spec.checksum) &&
          input.probes?.[v.spec.checksum] && {
            checksumProbe: input.probes[v.spec.checksum],
          }),
        pools: v.pools.map(p => p.pool),
        hosts: v.hosts,
      })),
      pools: users.pools,
      hosts: users.hosts,
    };
  });
}

/** Groups pool and host images by URL as written, then by checksum/format. */
export function groupImages(input: ImagesInput): Group[] {
  const groups = new Map<string, Group>();
  const variantOf = (spec: ImageSpec): Variant => {
    let group = groups.get(spec.url);
    if (!group) {
      group = { rawUrl: spec.url, variants: [] };
      groups.set(spec.url, group);
    }
    const same = (v: Variant) =>
      v.spec.checksum === spec.checksum &&
      v.spec.checksumType === spec.checksumType &&
      v.spec.format === spec.format;
    let variant = group.variants.find(same);
    if (!variant) {
      variant = { spec, pools: [], hosts: [] };
      group.variants.push(variant);
    }
    return variant;
  };
  for (const use of input.pools) {
    if (!isUnavailable(use.image)) variantOf(use.image).pools.push(use);
  }
  for (const use of input.hosts) variantOf(use.image).hosts.push(use.host);
  return [...groups.values()];
}

/** All pools and hosts of a URL. */
export function usersOf(group: Group) {
  return {
    pools: group.variants.flatMap(v => v.pools.map(p => p.pool)),
    hosts: group.variants.flatMap(v => v.hosts),
  };
}
