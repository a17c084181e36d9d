/**
 * Reading version and identity out of references to images: container
 * images of controller Deployments, and disk image URLs of pools and hosts.
 * Pure string work, so it runs in the browser too (no Node URL module).
 */

/**
 * The version a container image reference runs: its tag, else its digest
 * (shortened), else `latest` (what a reference without tag pulls).
 * `quay.io/metal3-io/baremetal-operator:v0.9.0` → `v0.9.0`;
 * `registry:5000/capm3@sha256:abcd…` → `sha256:abcd…` (12 hex digits).
 *
 * @public
 */
export function containerImageVersion(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  // A colon before the last slash is a registry port, not a tag.
  if (colon > name.lastIndexOf('/')) return name.slice(colon + 1);
  if (at >= 0) {
    const digest = image.slice(at + 1);
    const [algorithm, hex = ''] = digest.split(':');
    return `${algorithm}:${hex.slice(0, 12)}`;
  }
  return 'latest';
}

/**
 * An image URL, or a text quoting URLs (a probe's error), without userinfo
 * (`http://user:pw@host/x` → `http://***@host/x`). Image URLs may carry
 * credentials for a private server; findings and views show them, so they
 * are redacted here. Only the authority is touched: an OCI digest
 * (`img@sha256:…`) in the path stays as it is, which a generic "cut before
 * the last `@`" would break.
 *
 * @public
 */
export function redactUrlUserinfo(text: string): string {
  return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#\s]*@/g, '$1***@');
}

/**
 * The last path segment of a URL (the file name), without query and
 * fragment; for `oci://` the repository name with its tag or digest.
 * Undefined when the path ends in `/` or is empty.
 *
 * @public
 */
export function urlFileName(url: string): string | undefined {
  const withoutScheme = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  const path = withoutScheme.split(/[?#]/)[0];
  const slash = path.indexOf('/');
  if (slash < 0) return undefined;
  const segments = path.slice(slash + 1).split('/');
  const last = segments[segments.length - 1];
  return last === '' ? undefined : decodeSafely(last);
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
