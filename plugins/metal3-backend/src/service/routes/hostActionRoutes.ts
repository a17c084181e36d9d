import { InputError, NotFoundError } from '@backstage/errors';
import { metal3HostReadPermission } from '@metal3-fleet/plugin-metal3-common';
import { Router } from 'express';
import { HOST_ACTIONS } from '../hostActions';
import { RouteContext } from './RouteContext';

/**
 * `POST /hosts/{cluster}/{namespace}/{name}/actions/{action}` and the
 * operations that follow long ones. Every call is authorized against the
 * host (conditional policies see its owner, cluster and labels) and audited,
 * denied ones included.
 */
export function registerHostActionRoutes(router: Router, ctx: RouteContext) {
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
      const event = await auditor.createEvent({
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
        const cache = clusters.getCluster(cluster);
        const context = { cache, namespace, name, body: req.body ?? {} };
        if (action.background) {
          const target = { cluster, namespace, name };
          const operation = operations.start(
            actionName,
            target,
            async progress => {
              try {
                const result = await action.run({ ...context, progress });
                await event.success({ meta: { message: result.message } });
                return result.message;
              } catch (error) {
                await event.fail({ error: error as Error });
                throw error;
              }
            },
          );
          res.status(202).json({ operation });
          return;
        }
        const result = await action.run({ ...context, progress: () => {} });
        await event.success({ meta: { changed: result.changed } });
        res.json(result);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.get('/operations/:id', async (req, res) => {
    const operation = operations.get(req.params.id);
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
