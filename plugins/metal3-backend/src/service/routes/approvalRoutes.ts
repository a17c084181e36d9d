import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  ApprovalKind,
  ApprovalListResponse,
  ApprovalRequestResponse,
  ApprovalState,
  approvalTargetType,
  metal3ApprovalDecidePermission,
  metal3HostPowerPermission,
  metal3HostReadPermission,
  metal3HostRemovePermission,
  metal3PoolReadPermission,
  metal3PoolScalePermission,
  ObjectRefDto,
} from '@metal3-fleet/plugin-metal3-common';
import {
  Metal3HostResource,
  Metal3PoolResource,
  capiVersionOf,
  kubePaths,
  openAudit,
  requireClient,
  toCallerError,
} from '@metal3-fleet/plugin-metal3-node';
import { isProvisioned, isScaleDown } from '../../approvals/approvalKindOf';
import { StoredApproval } from '../../approvals/approvalRows';
import { buildPoolSummary } from '../../fleet/poolSummary';
import { principalRef } from '../principalRef';
import { approvalBody, approvalViewer, isUser } from './approvalGate';
import { Metal3ApiRouter, RouteContext } from './RouteContext';

/** The permission a requester needs for each kind: the operation's own. */
const KIND_PERMISSIONS = {
  'power-off': metal3HostPowerPermission,
  'hard-reboot': metal3HostPowerPermission,
  'remove-from-pool': metal3HostRemovePermission,
  'scale-down': metal3PoolScalePermission,
  'pool-upgrade': metal3PoolScalePermission,
} as const;

/**
 * `/approvals`: the requests waiting for a second person, their decisions,
 * and the handshake of template tasks (request, start, finish). Everyone
 * sees the approvals whose target they may read; deciding needs
 * `metal3.approval.decide` and a person other than the requester.
 */
export function registerApprovalRoutes(
  router: Metal3ApiRouter,
  ctx: RouteContext,
) {
  const { access, approvals, auditor, clusters, hostIndex, ownerOf } = ctx;

  /** What the permission rules see of an approval's target (also once it is gone). */
  function targetResource(
    kind: ApprovalKind,
    target: ObjectRefDto,
  ): Metal3HostResource | Metal3PoolResource | undefined {
    const gone = { ...target, owner: '', labels: {} };
    if (!clusters.listClusters().some(c => c.name === target.cluster))
      return undefined;
    if (approvalTargetType(kind) === 'host') {
      return (
        hostIndex.get(target.cluster, target.namespace, target.name)?.summary ??
        gone
      );
    }
    const cache = clusters.getCluster(target.cluster);
    const pool = cache.get(
      'machinedeployments',
      `${target.namespace}/${target.name}`,
    );
    return pool ? buildPoolSummary(cache, target.cluster, pool, ownerOf) : gone;
  }

  /** Approvals the caller may read: those whose target they may read. */
  async function readableFilter(credentials: BackstageCredentials) {
    const [hosts, pools] = await Promise.all([
      access
        .hostFilter(credentials, metal3HostReadPermission)
        .catch(() => () => false),
      access
        .poolFilter(credentials, metal3PoolReadPermission)
        .catch(() => () => false),
    ]);
    return (approval: StoredApproval) => {
      const resource = targetResource(approval.kind, approval.target);
      if (!resource) return false;
      return approval.targetType === 'host'
        ? hosts(resource as Metal3HostResource)
        : pools(resource as Metal3PoolResource);
    };
  }

  /** The approval, after checking the caller may read its target (404 otherwise). */
  async function readableApproval(
    id: string,
    credentials: BackstageCredentials,
  ) {
    const approval = await approvals.get(id);
    const readable = await readableFilter(credentials);
    if (!readable(approval)) {
      throw new NotAllowedError(
        `You may not read ${approval.target.namespace}/${approval.target.name} in cluster ${approval.target.cluster}`,
      );
    }
    return approval;
  }

  /** Deciding: a person, with metal3.approval.decide, who may read the target. */
  function deciderCheck(credentials: BackstageCredentials) {
    return async (approval: StoredApproval) => {
      if (!isUser(credentials)) {
        throw new NotAllowedError(
          'Approvals are decided by people who signed in, not by services',
        );
      }
      await access.require(credentials, metal3ApprovalDecidePermission);
      await readableApproval(approval.id, credentials);
    };
  }

  router.get('/approvals', async (req, res) => {
    const credentials = await access.credentials(req);
    const { cluster, namespace, name } = req.query;
    const given = [cluster, namespace, name].filter(v => v !== undefined);
    if (given.length !== 0 && given.length !== 3) {
      throw new InputError(
        'cluster: give cluster, namespace and name together, or none of them',
      );
    }
    const [items, readable, viewer] = await Promise.all([
      approvals.list({
        states: req.query.state as ApprovalState[] | undefined,
        target:
          given.length === 3
            ? { cluster: cluster!, namespace: namespace!, name: name! }
            : undefined,
      }),
      readableFilter(credentials),
      approvalViewer(ctx, credentials),
    ]);
    const body: ApprovalListResponse = {
      items: items
        .filter(readable)
        .map(a => approvalBody(ctx, a, viewer).approval),
    };
    res.json(body);
  });

  /** One approval as this caller sees it (whether they may decide it). */
  const answerFor = async (
    credentials: BackstageCredentials,
    approval: StoredApproval,
  ) => approvalBody(ctx, approval, await approvalViewer(ctx, credentials));

  router.get('/approvals/:id', async (req, res) => {
    const credentials = await access.credentials(req);
    const approval = await readableApproval(req.params.id, credentials);
    res.json(await answerFor(credentials, approval));
  });

  router.post('/approvals', async (req, res) => {
    const credentials = await access.credentials(req);
    const { kind, target, parameters, taskId } = req.body;
    const audit = await openAudit(auditor, {
      eventId: 'approval-request',
      severityLevel: 'high',
      request: req,
      meta: { kind, ...target, parameters: { ...parameters }, taskId },
    });
    try {
      const resource = targetResource(kind, target);
      const live =
        approvalTargetType(kind) === 'host'
          ? hostIndex.get(target.cluster, target.namespace, target.name)
          : undefined;
      if (!resource || (approvalTargetType(kind) === 'host' && !live)) {
        throw new InputError(
          `target: no ${
            approvalTargetType(kind) === 'host'
              ? 'BareMetalHost'
              : 'MachineDeployment'
          } ${target.namespace}/${target.name} in cluster ${target.cluster}`,
        );
      }
      if (approvalTargetType(kind) === 'host') {
        await access.requireHost(
          credentials,
          KIND_PERMISSIONS[kind] as typeof metal3HostPowerPermission,
          resource as Metal3HostResource,
        );
      } else {
        await access.requirePool(
          credentials,
          metal3PoolScalePermission,
          resource as Metal3PoolResource,
        );
      }
      const notRisky = await whyNotRisky(
        ctx,
        kind,
        target,
        parameters,
        live?.summary,
      );
      if (!approvals.requires(kind) || notRisky) {
        const body: ApprovalRequestResponse = {
          required: false,
          message:
            notRisky ??
            `${kind} needs no approval (metal3.approvals.required does not list it)`,
        };
        await audit.succeed({ required: false });
        res.json(body);
        return;
      }
      const { approval, joined } = await approvals.request({
        kind,
        target,
        parameters,
        via: 'task',
        taskId,
        requestedBy: principalRef(credentials),
      });
      await audit.succeed({ required: true, approval: approval.id, joined });
      const { approval: dto } = approvalBody(
        ctx,
        approval,
        await approvalViewer(ctx, credentials),
      );
      const body: ApprovalRequestResponse = {
        required: true,
        message: `${approval.title} waits for approval by another person: ${dto.link}`,
        approval: dto,
      };
      res.json(body);
    } catch (error) {
      const reported = toCallerError(error);
      await audit.fail(reported);
      throw reported;
    }
  });

  // Approve and reject are the same decision with another outcome.
  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/approvals/:id/${decision}`, async (req, res) => {
      const credentials = await access.credentials(req);
      const approval = await approvals[decision](
        req.params.id,
        principalRef(credentials),
        {
          comment: req.body?.comment,
          request: req,
          check: deciderCheck(credentials),
        },
      );
      res.json(await answerFor(credentials, approval));
    });
  }

  router.post('/approvals/:id/withdraw', async (req, res) => {
    const credentials = await access.credentials(req);
    const approval = await approvals.withdraw(
      req.params.id,
      principalRef(credentials),
      req,
    );
    res.json(await answerFor(credentials, approval));
  });

  router.post('/approvals/:id/start', async (req, res) => {
    const credentials = await access.credentials(req);
    const approval = await approvals.startTaskRun(
      req.params.id,
      req.body.taskId,
      principalRef(credentials),
      req,
    );
    res.json(await answerFor(credentials, approval));
  });

  router.post('/approvals/:id/finish', async (req, res) => {
    const credentials = await access.credentials(req);
    const approval = await approvals.finishTaskRun(
      req.params.id,
      req.body.taskId,
      principalRef(credentials),
      { outcome: req.body.outcome, message: req.body.message },
      req,
    );
    res.json(await answerFor(credentials, approval));
  });
}

/**
 * Why a template's operation is not risky here, so it needs no approval
 * whatever the configuration: a power-off of a host that is not
 * provisioned, a "scale-down" that does not shrink the pool.
 */
async function whyNotRisky(
  ctx: Pick<RouteContext, 'clusters'>,
  kind: ApprovalKind,
  target: ObjectRefDto,
  parameters: { replicas?: number; delta?: number },
  host: { provisioningState?: string } | undefined,
): Promise<string | undefined> {
  if ((kind === 'power-off' || kind === 'hard-reboot') && host) {
    return isProvisioned(host.provisioningState)
      ? undefined
      : `${target.name} is not provisioned: nothing runs on it to lose`;
  }
  if (kind === 'scale-down') {
    const cache = ctx.clusters.getCluster(target.cluster);
    const cached = cache.get(
      'machinedeployments',
      `${target.namespace}/${target.name}`,
    )?.replicas;
    // The task scales from its own read, which may be newer than this
    // replica's watch cache: judge from the API server too, and take the
    // larger size, so a lagging cache does not let a scale-down skip
    // approval. When the live read fails, the cache alone decides (the
    // task's own write then fails on the same cluster anyway).
    let live: number | undefined;
    try {
      const md: any = await requireClient(cache).request(
        'GET',
        kubePaths.machineDeployment(
          capiVersionOf(cache),
          target.namespace,
          target.name,
        ),
      );
      live = md?.spec?.replicas ?? 1;
    } catch {
      live = undefined;
    }
    const current = Math.max(cached ?? 1, live ?? 1);
    const request =
      parameters.replicas !== undefined
        ? { to: parameters.replicas }
        : { by: parameters.delta ?? 0 };
    return isScaleDown(request, current)
      ? undefined
      : `${target.name} has ${current} replicas: ${
          'to' in request ? `${request.to}` : `a change of ${request.by}`
        } is no scale-down`;
  }
  return undefined;
}
