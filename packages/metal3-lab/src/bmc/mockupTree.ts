import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The Redfish trees shipped with the lab (see redfish-mockups/SOURCE.md). */
// The lab runs from source; the trees sit beside src/.
// eslint-disable-next-line no-restricted-syntax
export const MOCKUP_DIR = resolve(__dirname, '../../redfish-mockups');

/** A captured resource: its JSON text, or the HTTP error the real BMC gave. */
export type MockupResource = { json: string } | { errorStatus: number };

const trees = new Map<string, Map<string, MockupResource>>();

/**
 * Every resource of one mockup, keyed by its lower-cased URI without a
 * trailing slash (`/redfish/v1/systems/1`): Redfish URIs are matched
 * case-insensitively by the BMCs our clients must cope with. Read once.
 */
export function loadMockup(
  name: string,
  dir: string = MOCKUP_DIR,
): Map<string, MockupResource> {
  const root = join(dir, name);
  const cached = trees.get(root);
  if (cached) return cached;
  if (!existsSync(root)) throw new Error(`no Redfish mockup ${name} in ${dir}`);
  const resources = new Map<string, MockupResource>();
  const walk = (folder: string, uri: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) {
        walk(path, `${uri}/${entry}`);
      } else if (entry === 'index.json') {
        resources.set(uri.toLowerCase(), {
          json: readFileSync(path, 'utf8'),
        });
      } else if (entry === 'error.txt' && !resources.has(uri.toLowerCase())) {
        const status = /\b([45]\d\d)\b/.exec(readFileSync(path, 'utf8'));
        resources.set(uri.toLowerCase(), {
          errorStatus: status ? Number(status[1]) : 500,
        });
      }
    }
  };
  walk(root, '/redfish/v1');
  trees.set(root, resources);
  return resources;
}

/** Follows a collection's Members (by their @odata.id, never by guessing ids). */
export function members(
  tree: Map<string, MockupResource>,
  uri: string,
): string[] {
  const resource = tree.get(normaliseUri(uri));
  if (!resource || !('json' in resource)) return [];
  const body = JSON.parse(resource.json);
  return (body.Members ?? []).map(
    (m: { '@odata.id': string }) => m['@odata.id'],
  );
}

export function readResource(
  tree: Map<string, MockupResource>,
  uri: string,
): any | undefined {
  const resource = tree.get(normaliseUri(uri));
  return resource && 'json' in resource ? JSON.parse(resource.json) : undefined;
}

/** Lower case, no query, no trailing slash: the key of a resource. */
export function normaliseUri(uri: string): string {
  return uri.split('?')[0].replace(/\/+$/, '').toLowerCase();
}
