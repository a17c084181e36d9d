/* eslint-disable consistent-return -- handlers end by sending a response; what they return is never used */
import { IncomingMessage, ServerResponse } from 'node:http';
import { LabApiError } from '../errors';
import { KubeObject, ResourceKey } from '../types';
import { notFound } from './ObjectStore';
import { Target } from './target';
import { pathNotFound, readBody, sendJson } from './http';
import { applyPatch, consumeConflict } from './writeRequest';
import type { ResourceContext } from './resourceHandlers';

/**
 * The scale subresource (autoscaling/v1 Scale) of a kind whose CRD declares
 * one: read and written through the CRD's replica and selector paths.
 */
export async function serveScale(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  key: ResourceKey,
  target: Target,
  dryRun: boolean,
) {
  const { store } = ctx;
  const { definition, namespace, name } = target;
  const scale = definition.scale;
  if (!scale) throw pathNotFound();
  const object = store.get(key, namespace, name!);
  if (!object) throw notFound(key, name!);
  const read = (path: string) =>
    path
      .replace(/^\./, '')
      .split('.')
      .reduce<any>((v, p) => v?.[p], object);
  const toScale = (o: KubeObject) => ({
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: read(scale.specReplicasPath) ?? 0 },
    status: {
      replicas: read(scale.statusReplicasPath) ?? 0,
      ...(scale.labelSelectorPath && {
        selector: read(scale.labelSelectorPath),
      }),
    },
  });
  if (req.method === 'GET') return sendJson(res, 200, toScale(object));
  const body = await readBody(req);
  const type = (req.headers['content-type'] ?? '').split(';')[0];
  const wanted =
    req.method === 'PATCH'
      ? applyPatch(toScale(object) as any, body, type)
      : body;
  const replicas = wanted?.spec?.replicas;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new LabApiError(
      422,
      'Invalid',
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`,
      {
        causes: [
          {
            field: 'spec.replicas',
            reason: 'FieldValueInvalid',
            message: 'must be greater than or equal to 0',
          },
        ],
      },
    );
  }
  const path = scale.specReplicasPath.replace(/^\./, '').split('.');
  const updated = structuredClone(object);
  path.slice(0, -1).reduce<any>((node, p) => (node[p] ??= {}), updated)[
    path[path.length - 1]
  ] = replicas;
  if (wanted?.metadata?.resourceVersion)
    updated.metadata.resourceVersion = wanted.metadata.resourceVersion;
  if (!dryRun) consumeConflict(ctx.faults);
  return sendJson(res, 200, toScale(store.update(key, updated, { dryRun })));
}
