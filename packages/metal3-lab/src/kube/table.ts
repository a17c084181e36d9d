import { KubeObject } from '../types';
import { ResourceDefinition } from './resourceRegistry';

/**
 * `meta.k8s.io/v1` Table answers, built from a CRD's additionalPrinterColumns
 * (the simple `.a.b[0].c` JSONPaths CRDs use), so `kubectl get` prints the
 * same columns it prints against a real cluster.
 */
/** Core kinds' columns, as kube-apiserver's printers compute them. */
type CoreColumn = [
  name: string,
  cell: (o: KubeObject) => unknown,
  priority?: number,
];
const CORE_COLUMNS: Record<string, CoreColumn[]> = {
  nodes: [
    [
      'Status',
      o => {
        const ready = (o.status?.conditions ?? []).find(
          (c: any) => c.type === 'Ready',
        );
        const status = ready?.status === 'True' ? 'Ready' : 'NotReady';
        return o.spec?.unschedulable ? `${status},SchedulingDisabled` : status;
      },
    ],
    [
      'Roles',
      o =>
        Object.keys(o.metadata.labels ?? {})
          .filter(k => k.startsWith('node-role.kubernetes.io/'))
          .map(k => k.slice('node-role.kubernetes.io/'.length))
          .join(',') || '<none>',
    ],
    ['Age', o => age(o.metadata.creationTimestamp)],
    ['Version', o => o.status?.nodeInfo?.kubeletVersion ?? ''],
    [
      'Internal-IP',
      o =>
        (o.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')
          ?.address ?? '<none>',
      1,
    ],
  ],
  namespaces: [
    ['Status', () => 'Active'],
    ['Age', o => age(o.metadata.creationTimestamp)],
  ],
  secrets: [
    ['Type', o => o.type ?? 'Opaque'],
    ['Data', o => Object.keys(o.data ?? {}).length],
    ['Age', o => age(o.metadata.creationTimestamp)],
  ],
  events: [
    ['Last Seen', o => age(o.lastTimestamp as string | undefined)],
    ['Type', o => o.type],
    ['Reason', o => o.reason],
    [
      'Object',
      o =>
        `${String((o.involvedObject as any)?.kind ?? '').toLowerCase()}/${
          (o.involvedObject as any)?.name ?? ''
        }`,
    ],
    ['Message', o => o.message],
  ],
};

export function toTable(
  definition: ResourceDefinition,
  objects: readonly KubeObject[],
  listMeta: object,
) {
  const core =
    definition.group === '' ? CORE_COLUMNS[definition.plural] : undefined;
  if (core) return coreTable(core, objects, listMeta);
  const columns = [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name',
      priority: 0,
    },
    ...definition.printerColumns.map(c => ({
      name: c.name,
      type: c.type,
      format: '',
      description: c.name,
      priority: c.priority ?? 0,
    })),
  ];
  const hasAge = definition.printerColumns.some(
    c => c.jsonPath === '.metadata.creationTimestamp',
  );
  if (!hasAge)
    columns.push({
      name: 'Age',
      type: 'date',
      format: '',
      description: 'Age',
      priority: 0,
    });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns,
    rows: objects.map(object => ({
      cells: [
        object.metadata.name,
        ...definition.printerColumns.map(c =>
          format(read(object, c.jsonPath), c.type),
        ),
        ...(hasAge ? [] : [age(object.metadata.creationTimestamp)]),
      ],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: object.metadata,
      },
    })),
  };
}

function coreTable(
  columns: CoreColumn[],
  objects: readonly KubeObject[],
  listMeta: object,
) {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: [
      {
        name: 'Name',
        type: 'string',
        format: 'name',
        description: 'Name',
        priority: 0,
      },
      ...columns.map(([name, , priority]) => ({
        name,
        type: 'string',
        format: '',
        description: name,
        priority: priority ?? 0,
      })),
    ],
    rows: objects.map(object => ({
      cells: [object.metadata.name, ...columns.map(([, cell]) => cell(object))],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: object.metadata,
      },
    })),
  };
}

function read(object: unknown, jsonPath: string): unknown {
  const parts = jsonPath.replace(/^\./, '').match(/[^.[\]]+|\[\d+\]/g) ?? [];
  return parts.reduce<any>((value, part) => {
    if (value === undefined || value === null) return undefined;
    return part.startsWith('[')
      ? value[Number(part.slice(1, -1))]
      : value[part];
  }, object);
}

function format(value: unknown, type: string): unknown {
  if (value === undefined || value === null)
    return type === 'integer' || type === 'number' ? null : '';
  // The API server prints date columns as an age ("5m"), as kubectl shows them.
  if (type === 'date' && typeof value === 'string') return age(value);
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

function age(timestamp: string | undefined): string {
  if (!timestamp) return '<unknown>';
  const seconds = Math.max(
    0,
    Math.floor((Date.now() - Date.parse(timestamp)) / 1000),
  );
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}
