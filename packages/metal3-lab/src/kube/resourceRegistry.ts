import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** Everything the server needs to know about one resource type. @public */
export interface ResourceDefinition {
  group: string;
  /** Served versions; `storageVersion` is the one objects are kept in. */
  versions: string[];
  storageVersion: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Subresources per version, as the CRD declares them. */
  status: boolean;
  scale?: {
    specReplicasPath: string;
    statusReplicasPath: string;
    labelSelectorPath?: string;
  };
  /** `additionalPrinterColumns` of the storage version, for Table answers. */
  printerColumns: {
    name: string;
    type: string;
    jsonPath: string;
    priority?: number;
  }[];
}

/** The shipped CRDs (copied from upstream, see crds/SOURCE.md). */
// The lab runs from source (dev, tests) and ships crds/ beside src/.
// eslint-disable-next-line no-restricted-syntax
export const CRD_DIR = resolve(__dirname, '../../crds');

/** Core kinds the lab serves besides the CRDs. */
const CORE: ResourceDefinition[] = [
  core('namespaces', 'Namespace', false, ['ns']),
  core('secrets', 'Secret', true),
  core('configmaps', 'ConfigMap', true, ['cm']),
  core('nodes', 'Node', false, ['no'], true),
  core('events', 'Event', true, ['ev']),
  core('pods', 'Pod', true, ['po'], true),
];

function core(
  plural: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[] = [],
  status = false,
): ResourceDefinition {
  return {
    group: '',
    versions: ['v1'],
    storageVersion: 'v1',
    plural,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced,
    shortNames,
    categories: [],
    status,
    printerColumns: [],
  };
}

/** Reads every CRD of a folder into resource definitions. */
export function loadResourceDefinitions(dir = CRD_DIR): ResourceDefinition[] {
  const crds = readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .map(f => parse(readFileSync(join(dir, f), 'utf8')))
    .filter(doc => doc?.kind === 'CustomResourceDefinition');
  return [
    ...CORE,
    ...crds.map((crd: any): ResourceDefinition => {
      const served = crd.spec.versions.filter((v: any) => v.served);
      const storage = crd.spec.versions.find((v: any) => v.storage);
      return {
        group: crd.spec.group,
        versions: served.map((v: any) => v.name),
        storageVersion: storage.name,
        plural: crd.spec.names.plural,
        singular: crd.spec.names.singular ?? crd.spec.names.kind.toLowerCase(),
        kind: crd.spec.names.kind,
        listKind: crd.spec.names.listKind ?? `${crd.spec.names.kind}List`,
        namespaced: crd.spec.scope === 'Namespaced',
        shortNames: crd.spec.names.shortNames ?? [],
        categories: crd.spec.names.categories ?? [],
        status: Boolean(storage.subresources?.status),
        scale: storage.subresources?.scale,
        printerColumns: storage.additionalPrinterColumns ?? [],
      };
    }),
  ];
}
