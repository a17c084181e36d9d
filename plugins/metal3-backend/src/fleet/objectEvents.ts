import {
  EventDto,
  redactBmcCredentials,
} from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  ClusterCache,
  linkHost,
  MachineDeploymentProjection,
  requireClient,
} from '@metal3-fleet/plugin-metal3-node';

/** An object whose events belong on a host or pool page. */
export interface EventSubject {
  kind: string;
  name: string;
  /** Namespace the events live in (cluster-scoped objects: `default`). */
  namespace: string;
}

/** Events are read per request, never cached: they are many and rarely looked at. */
const PER_SUBJECT_LIMIT = 100;
const TOTAL_LIMIT = 200;

/** The host, its Metal3Machine, Machine and Node. */
export function hostEventSubjects(
  cache: Pick<ClusterCache, 'get' | 'list'>,
  host: BareMetalHostProjection,
): EventSubject[] {
  const namespace = host.namespace ?? 'default';
  const links = linkHost(cache, host);
  return [
    { kind: 'BareMetalHost', name: host.name, namespace },
    ...(links.metal3Machine
      ? [{ kind: 'Metal3Machine', name: links.metal3Machine.name, namespace }]
      : []),
    ...(links.machine
      ? [{ kind: 'Machine', name: links.machine.name, namespace }]
      : []),
    ...(links.machine?.nodeName
      ? [{ kind: 'Node', name: links.machine.nodeName, namespace: 'default' }]
      : []),
  ];
}

/** The MachineDeployment, its MachineSets and Machines. */
export function poolEventSubjects(
  cache: Pick<ClusterCache, 'list'>,
  pool: MachineDeploymentProjection,
): EventSubject[] {
  const namespace = pool.namespace ?? 'default';
  return [
    { kind: 'MachineDeployment', name: pool.name, namespace },
    ...cache
      .list('machinesets')
      .filter(s => s.namespace === namespace && s.ownerDeployment === pool.name)
      .map(s => ({ kind: 'MachineSet', name: s.name, namespace })),
    ...cache
      .list('machines')
      .filter(m => m.namespace === namespace && m.deploymentName === pool.name)
      .map(m => ({ kind: 'Machine', name: m.name, namespace })),
  ];
}

/** Events of the subjects, newest first; 503 while the cluster is unreachable. */
export async function readEvents(
  cache: Pick<ClusterCache, 'client' | 'config'>,
  subjects: EventSubject[],
): Promise<EventDto[]> {
  const client = requireClient(cache);
  const lists = await Promise.all(
    subjects.map(subject => {
      const selector = encodeURIComponent(
        `involvedObject.kind=${subject.kind},involvedObject.name=${subject.name}`,
      );
      return client
        .request(
          'GET',
          `/api/v1/namespaces/${subject.namespace}/events?fieldSelector=${selector}&limit=${PER_SUBJECT_LIMIT}`,
        )
        .then((body: any) => (body?.items ?? []) as any[]);
    }),
  );
  return lists
    .flat()
    .map(toEventDto)
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
    .slice(0, TOTAL_LIMIT);
}

function toEventDto(event: any): EventDto {
  const lastSeen =
    event.lastTimestamp ?? event.series?.lastObservedTime ?? event.eventTime;
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    // BMO and Ironic events quote BMC addresses, userinfo and all.
    message: redactBmcCredentials(event.message ?? ''),
    count: event.count ?? event.series?.count ?? 1,
    ...((event.firstTimestamp ?? event.eventTime) && {
      firstSeen: event.firstTimestamp ?? event.eventTime,
    }),
    ...(lastSeen && { lastSeen }),
    ...((event.source?.component ?? event.reportingComponent) && {
      source: event.source?.component ?? event.reportingComponent,
    }),
    object: `${event.involvedObject?.kind}/${event.involvedObject?.name}`,
  };
}
