import { NotFoundError } from '@backstage/errors';
import {
  EventListResponse,
  HostDetailDto,
  HostHardwareDetailsDto,
  HostListResponse,
  metal3HostReadPermission,
} from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  ClusterCache,
  evictablePods,
  kubePaths,
  linkHost,
  projectHardwareDetails,
  requireClient,
} from '@metal3-fleet/plugin-metal3-node';
import { buildHostDetail } from '../../fleet/hostDetail';
import { parseHostQuery, runHostQuery } from '../../fleet/hostQuery';
import { findingFlags } from '../../fleet/findingFlags';
import { hostEventSubjects, readEvents } from '../../fleet/objectEvents';
import {
  authorizedHostRow,
  isStale,
  Metal3ApiRouter,
  ObjectRequest,
  RouteContext,
  staleClusters,
} from './RouteContext';

/** Pods a drain of the node would evict, read live; undefined when unreadable. */
async function evictablePodCount(
  cache: ClusterCache,
  node: string,
): Promise<number | undefined> {
  try {
    return (await evictablePods(requireClient(cache), node)).length;
  } catch {
    return undefined;
  }
}

/**
 * NIC and disk lists are not cached (see HostHardware): the host page reads
 * them live. While the cluster is unreachable it says why instead.
 */
async function liveHardware(
  cache: ClusterCache,
  host: BareMetalHostProjection,
): Promise<{
  hardwareDetails?: HostHardwareDetailsDto;
  hardwareError?: string;
}> {
  if (!host.hardware) return {};
  try {
    const raw = await requireClient(cache).request(
      'GET',
      kubePaths.bareMetalHost(host.namespace ?? '', host.name),
    );
    return { hardwareDetails: projectHardwareDetails(raw) };
  } catch (error) {
    return {
      hardwareError: `NIC and disk details are read live and cluster ${
        cache.config.name
      } did not answer: ${(error as Error).message}`,
    };
  }
}

/** Read routes of hosts: the fleet list, one host, its events. */
export function registerHostRoutes(router: Metal3ApiRouter, ctx: RouteContext) {
  const { access, clusters, hostIndex } = ctx;

  /** The host's cache entry and fleet row, after the read check; 404 when absent. */
  async function readableHost(req: ObjectRequest) {
    const { cluster, row } = await authorizedHostRow(
      ctx,
      req,
      metal3HostReadPermission,
    );
    // The index only holds configured clusters: a row means getCluster is safe.
    const cache = clusters.getCluster(cluster);
    const host = cache.get(
      'baremetalhosts',
      `${row.summary.namespace}/${row.summary.name}`,
    );
    if (!host) {
      throw new NotFoundError(
        `No BareMetalHost ${row.summary.namespace}/${row.summary.name} in cluster ${cluster}`,
      );
    }
    return { cluster, cache, host, row };
  }

  router.get('/hosts', async (req, res) => {
    const visible = await access.hostFilter(
      await access.credentials(req),
      metal3HostReadPermission,
    );
    const query = parseHostQuery(req.query);
    const stale = staleClusters(clusters);
    const staleNames = new Set(stale.map(s => s.name));
    const rows = [...hostIndex.all()].filter(r => visible(r.summary));
    const flagsOf = query.findings.length
      ? await findingFlags(ctx, rows)
      : undefined;
    const result = runHostQuery(rows, query, new Date(), flagsOf);
    const body: HostListResponse = {
      ...result,
      items: result.items.map(h =>
        staleNames.has(h.cluster) ? { ...h, stale: true } : h,
      ),
      staleClusters: stale,
    };
    res.json(body);
  });

  router.get('/hosts/:cluster/:namespace/:name', async (req, res) => {
    const { cluster, cache, host, row: indexed } = await readableHost(req);
    const links = linkHost(cache, host);
    const podCount = links.node
      ? await evictablePodCount(cache, links.node.name)
      : undefined;
    const [row] = runHostQuery(
      [indexed],
      parseHostQuery({ limit: '1' }),
      new Date(),
    ).items;
    const body: HostDetailDto = buildHostDetail(row, {
      host,
      links,
      hardware: await liveHardware(cache, host),
      podCount,
      stale: isStale(clusters, cluster),
    });
    res.json(body);
  });

  router.get('/hosts/:cluster/:namespace/:name/events', async (req, res) => {
    const { cache, host } = await readableHost(req);
    const body: EventListResponse = {
      items: await readEvents(cache, hostEventSubjects(cache, host)),
    };
    res.json(body);
  });
}
