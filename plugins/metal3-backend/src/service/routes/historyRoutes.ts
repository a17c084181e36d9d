import {
  HostHistoryResponse,
  metal3HostReadPermission,
} from '@metal3-fleet/plugin-metal3-common';
import { TelemetryStore } from '../../database/TelemetryStore';
import { HistorySettings } from '../../telemetry/historySettings';
import {
  authorizedHostRow,
  Metal3ApiRouter,
  RouteContext,
} from './RouteContext';

/** The window the host page draws. */
const WINDOW_MS = 24 * 3600_000;

/** What the history route reads: the readings' table and how they are sampled. */
export interface HostHistorySource {
  store: TelemetryStore;
  settings: HistorySettings;
}

/**
 * A host's last 24 h from the plugin's database: power and temperature
 * readings and long operations. Reads only the database, never a BMC: the
 * page can ask as often as it likes.
 */
export function registerHistoryRoutes(
  router: Metal3ApiRouter,
  ctx: RouteContext & { history: HostHistorySource },
) {
  const { history, operations } = ctx;
  router.get('/hosts/:cluster/:namespace/:name/history', async (req, res) => {
    const { cluster, namespace, name } = await authorizedHostRow(
      ctx,
      req,
      metal3HostReadPermission,
    );
    const target = { cluster, namespace, name };
    const sinceMs = Date.now() - WINDOW_MS;
    const since = new Date(sinceMs).toISOString();
    const [readings, hostOperations] = await Promise.all([
      history.store.readings(target, sinceMs),
      operations.forHost(target, since),
    ]);
    const body: HostHistoryResponse = {
      since,
      sampling: history.settings.enabled,
      sampleIntervalSeconds: history.settings.intervalMs / 1000,
      readings,
      operations: hostOperations,
    };
    res.json(body);
  });
}
