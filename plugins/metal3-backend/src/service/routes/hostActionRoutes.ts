import { InputError, NotFoundError } from '@backstage/errors';
import {
  HostActionChanged,
  metal3HostReadPermission,
} from '@metal3-fleet/plugin-metal3-common';
import { openAudit, toCallerError } from '@metal3-fleet/plugin-metal3-node';
import { hostActionApprovalKind } from '../../approvals/approvalKindOf';
import { HOST_ACTIONS } from '../hostActions';
import { principalRef } from '../principalRef';
import { requestApprovalIfRequired } from './approvalGate';
import { Metal3ApiRouter, RouteContext } from './RouteContext';

/**
 * `POST /hosts/{cluster}/{namespace}/{name}/actions/{action}` and the
 * operations that follow long ones. Every call is authorized against the
 * host (conditional policies see its owner, cluster and labels) and audited
 * once, denied ones included. The operations themselves (plugins/metal3-node
 * write layer) decide from fresh reads and write conditionally, so repeats
 * and races answer `changed: false` instead of acting twice.
 */
export function registerHostActionRoutes(
  router: Metal3ApiRouter,
  ctx: RouteContext,
) {
  const { access, auditor, clusters, hostIndex, operations } = ctx;

  router.post(
    '/hosts/:cluster/:namespace/:name/actions/:action',
    async (req, res) => {
      const { cluster, namespace, name, action: actionName } = req.params;
      const action = HOST_ACTIONS[actionName];
      if (!action) {
        throw new InputError(
          `action: "${actionName}" is not one of ${Object.keys(
            HOST_ACTIONS,
          ).join(', ')}`,
        );
      }
      const credentials = await access.credentials(req);
      // One record per request, whatever happens below.
      const audit = await openAudit(auditor, {
        eventId: `host-${actionName}`,
        severityLevel: action.severity,
        request: req,
        meta: { cluster, namespace, name, mode: req.body?.mode },
      });
      try {
        const row = hostIndex.get(cluster, namespace, name);
        if (!row) {
          throw new NotFoundError(
            `No BareMetalHost ${namespace}/${name} in cluster ${cluster}`,
          );
        }
        await access.requireHost(credentials, action.permission, row.summary);
        // A risky operation waits for a second person (metal3.approvals).
        const pending = await requestApprovalIfRequired(ctx, credentials, {
          kind: hostActionApprovalKind(
            actionName,
            req.body ?? {},
            row.summary.provisioningState,
          ),
          target: { cluster, namespace, name },
          parameters: {},
        });
        if (pending) {
          await audit.succeed({ approval: pending.approval.id });
          res.status(202).json(pending);
          return;
        }
        const cache = clusters.getCluster(cluster);
        const context = { cache, namespace, name, body: req.body ?? {} };
        if (action.background) {
          const target = { cluster, namespace, name };
          // Kept in the database: seen and joined from every replica.
          const { operation, joined } = await operations.startOrJoin(
            {
              action: actionName,
              target,
              startedBy: principalRef(credentials),
            },
            async ({ progress, checkpoint }) => {
              try {
                const result = await action.run({
                  ...context,
                  progress,
                  checkpoint,
                });
                await audit.succeed({ message: result.message });
                return result.message;
              } catch (error) {
                await audit.fail(toCallerError(error));
                throw toCallerError(error);
              }
            },
          );
          // A repeat joins the running operation: recorded as such, at once.
          if (joined) await audit.succeed({ joined: operation.id });
          res.status(202).json({ operation });
          return;
        }
        const result = await action.run({
          ...context,
          progress: () => {},
          checkpoint: async () => {},
        });
        await audit.succeed({ changed: result.changed });
        const body: HostActionChanged = {
          changed: result.changed,
          message: result.message,
        };
        res.json(body);
      } catch (error) {
        const reported = toCallerError(error);
        await audit.fail(reported);
        throw reported;
      }
    },
  );

  router.get('/operations/:id', async (req, res) => {
    const operation = await operations.get(req.params.id);
    if (!operation) throw new NotFoundError(`No operation ${req.params.id}`);
    const row = hostIndex.get(
      operation.target.cluster,
      operation.target.namespace,
      operation.target.name,
    );
    await access.requireHost(
      await access.credentials(req),
      metal3HostReadPermission,
      row?.summary ?? { ...operation.target, owner: '', labels: {} },
    );
    res.json({ operation });
  });
}
