import { NotFoundError } from '@backstage/errors';
import {
  BmcPreflightResponse,
  BmcTelemetryDto,
  metal3HostEnrollPermission,
  metal3HostReadPermission,
  parseBmcAddress,
  redactBmcCredentials,
} from '@metal3-fleet/plugin-metal3-common';
import { Metal3BmcService } from '@metal3-fleet/plugin-metal3-node';
import {
  authorizedHostRow,
  Metal3ApiRouter,
  RouteContext,
} from './RouteContext';

/**
 * BMC routes: the enrollment preflight and live telemetry of enrolled
 * hosts. Both only read from BMCs; power changes go through the
 * BareMetalHost (host actions).
 */
export function registerBmcRoutes(
  router: Metal3ApiRouter,
  ctx: RouteContext & { bmc: Metal3BmcService },
) {
  const { access, auditor, bmc, hostIndex } = ctx;

  router.post('/bmc/preflight', async (req, res) => {
    const credentials = await access.credentials(req);
    const body = req.body;
    const parsed = parseBmcAddress(body.address);
    // The audit record names the BMC, never the credentials in the body
    // (nor any the address itself carries: it is redacted as it comes in).
    const event = await auditor.createEvent({
      eventId: 'bmc-preflight',
      severityLevel: 'low',
      request: req,
      meta: {
        bmcHost: parsed.ok ? parsed.host : undefined,
        bmcAddress: redactBmcCredentials(body.address),
        credentialsRef: body.credentialsRef,
      },
    });
    try {
      await access.require(credentials, metal3HostEnrollPermission);
      const result: BmcPreflightResponse = await bmc.preflight(body, {
        // Borrowing a host's BMC Secret is reading that host: 403 (audited
        // through event.fail) unless the policy lets the caller read it.
        authorizeHost: async host => {
          const row = hostIndex.get(host.cluster, host.namespace, host.name);
          if (!row) {
            throw new NotFoundError(
              `No BareMetalHost ${host.namespace}/${host.name} in cluster ${host.cluster}`,
            );
          }
          await access.requireHost(
            credentials,
            metal3HostReadPermission,
            row.summary,
          );
        },
      });
      await event.success({ meta: { ok: result.ok } });
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/hosts/:cluster/:namespace/:name/bmc', async (req, res) => {
    const { cluster, namespace, name } = await authorizedHostRow(
      ctx,
      req,
      metal3HostReadPermission,
    );
    const body: BmcTelemetryDto = await bmc.telemetry.read(
      { cluster, namespace, name },
      {
        refresh: req.query.refresh === 'true',
        firmware: req.query.firmware === 'true',
      },
    );
    res.json(body);
  });
}
