/**
 * What a disk image's URL and checksum say about it: is the name versioned,
 * which formats the file name allows, which algorithm a checksum is. The
 * image checks are built on these; the images view shows them as they are.
 */
import { urlFileName } from './imageRefs';

/** `spec.image` of a Metal3MachineTemplate or a BareMetalHost. @public */
export interface ImageSpec {
  url: string;
  /** A digest or the URL of a checksum file. */
  checksum?: string;
  /** `md5 | sha256 | sha512 | auto`; absent means Ironic detects it. */
  checksumType?: string;
  /** `raw | qcow2 | vdi | vmdk | live-iso` (CAPM3 v1beta2 calls it diskFormat). */
  format?: string;
}

// Words that name a moving target: the same URL serves another build tomorrow.
const FLOATING = /(^|[^a-z])(latest|current|stable|daily|nightly)([^a-z]|$)/i;
// A build stamp: a date (20240115, 2024-01-15), a v-prefixed version with at
// least two parts (v1.35.0, v1.35), or a three-part version (1.35.0). A bare
// OS release (24.04) is not one: a rebuild of "ubuntu-24.04" keeps the name.
const DATE =
  /(^|[^0-9])(19|20)\d{2}-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])([^0-9]|$)/;
const V_VERSION = /(^|[^a-z0-9])v\d+(\.\d+)+/i;
const TRIPLE = /(^|[^0-9.])\d+\.\d+\.\d+/;
const EXTENSIONS = /(\.(qcow2?|img|raw|iso|vmdk|vdi))?(\.(gz|xz|bz2|zst))?$/i;

/**
 * Whether an image URL names one build, the guide's "Maintain versioned
 * images (e.g., ubuntu-24.04-rke2-v1.35.0.qcow2)": the file name carries a
 * build date or version and no path segment is a floating word (latest,
 * current, stable, daily, nightly). OCI references are versioned by a digest
 * or a versioned tag; no tag means `latest`. Undefined when the URL names no
 * file (it ends in `/`).
 *
 * @public
 */
export function isVersionedImageUrl(url: string): boolean | undefined {
  const file = urlFileName(url);
  if (file === undefined) return undefined;
  if (/^oci:\/\//i.test(url)) {
    if (file.includes('@')) return true;
    const colon = file.lastIndexOf(':');
    if (colon < 0) return false;
    return isVersionedName(file.slice(colon + 1));
  }
  const path = url
    .replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/, '')
    .split(/[?#]/)[0];
  if (FLOATING.test(path)) return false;
  return isVersionedName(file.replace(EXTENSIONS, ''));
}

function isVersionedName(name: string): boolean {
  if (FLOATING.test(name)) return false;
  return DATE.test(name) || V_VERSION.test(name) || TRIPLE.test(name);
}

/**
 * The formats a file name allows. `.img` is what cloud images are called
 * whether qcow2 or raw (the guide's own noble-server-cloudimg-amd64.img is a
 * qcow2), so it allows both. Undefined when the name says nothing (no known
 * extension, or a compressed file whose inner name says nothing).
 *
 * @public
 */
export function formatsAllowedByName(url: string): string[] | undefined {
  if (/^oci:\/\//i.test(url)) return undefined;
  const file = urlFileName(url)?.toLowerCase();
  if (!file) return undefined;
  const inner = file.replace(/\.(gz|xz|bz2|zst)$/, '');
  const ext = /\.([a-z0-9]+)$/.exec(inner)?.[1];
  switch (ext) {
    case 'qcow2':
    case 'qcow':
      return ['qcow2'];
    case 'img':
      return ['qcow2', 'raw'];
    case 'raw':
      return ['raw'];
    case 'iso':
      return ['live-iso'];
    case 'vmdk':
      return ['vmdk'];
    case 'vdi':
      return ['vdi'];
    default:
      return undefined;
  }
}

/** A checksum given as a URL Ironic downloads (http, https, file). @public */
export function isChecksumUrl(checksum: string): boolean {
  return /^(https?|file):\/\//i.test(checksum.trim());
}

/**
 * The algorithm a checksum is in, as far as it tells: an inline digest by
 * its length (32, 64, 128 hex digits, the lengths Ironic matches), a
 * checksum file by its name (`….sha256sum`, `SHA256SUMS`, `….md5`).
 * Undefined when it does not tell.
 *
 * @public
 */
export function checksumAlgorithmOf(checksum: string): string | undefined {
  const value = checksum.trim();
  if (isChecksumUrl(value)) {
    const file = (urlFileName(value) ?? '').toLowerCase();
    if (file.includes('sha512')) return 'sha512';
    if (file.includes('sha256')) return 'sha256';
    if (file.includes('md5')) return 'md5';
    return undefined;
  }
  if (!/^[0-9a-f]+$/i.test(value)) return undefined;
  return { 32: 'md5', 64: 'sha256', 128: 'sha512' }[value.length];
}

/** Whether Metal3 needs a checksum for the image: not for live ISOs, never for OCI (the webhook refuses one). @public */
export function needsChecksum(spec: ImageSpec): boolean {
  return spec.format !== 'live-iso' && !/^oci:\/\//i.test(spec.url);
}
