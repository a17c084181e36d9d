import { IncomingMessage } from 'node:http';
import { LabApiError } from '../errors';
import { ApiFaults, FieldValidation, KubeObject } from '../types';
import { convertCapiObject } from '../conversion/capiConversion';
import { jsonPatch, mergePatch } from './patch';
import { ResourceDefinition } from './resourceRegistry';
import { Target } from './target';

/**
 * Pure pieces of a write request: the object a body names, patches by
 * content type, version conversion, the field manager and the
 * fieldValidation parameter.
 */

/** The body of a create or update, with the kind, version, name and namespace of its path. */
export function withIdentity(
  body: any,
  definition: ResourceDefinition,
  target: Target,
  name?: string,
): KubeObject {
  if (!body || typeof body !== 'object')
    throw new LabApiError(
      400,
      'BadRequest',
      'the request body is not an object',
    );
  const apiVersion = definition.group
    ? `${definition.group}/${target.version}`
    : target.version;
  if (body.kind && body.kind !== definition.kind) {
    throw new LabApiError(
      400,
      'BadRequest',
      `the body kind ${body.kind} does not match the resource ${definition.plural}`,
    );
  }
  if (
    body.metadata?.namespace &&
    target.namespace &&
    body.metadata.namespace !== target.namespace
  ) {
    throw new LabApiError(
      400,
      'BadRequest',
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  return {
    ...body,
    apiVersion,
    kind: definition.kind,
    metadata: {
      ...body.metadata,
      ...(name && { name }),
      ...(definition.namespaced && {
        namespace: target.namespace ?? body.metadata?.namespace,
      }),
    },
  };
}

/** The object in `version` (a copy only when it has to be converted). */
export function convertForVersion(
  object: KubeObject,
  version: string,
): KubeObject {
  return object.apiVersion.endsWith(`/${version}`) ||
    object.apiVersion === version
    ? object
    : convertCapiObject(object, version);
}

export function applyPatch(
  existing: KubeObject,
  body: any,
  type: string,
  definition?: ResourceDefinition,
): KubeObject {
  switch (type) {
    case 'application/merge-patch+json':
    case 'application/apply-patch+yaml':
      return mergePatch(existing, body);
    case 'application/strategic-merge-patch+json':
      // The real server rejects strategic merge for custom resources.
      if (definition?.custom) {
        throw new LabApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
        );
      }
      return mergePatch(existing, body);
    case 'application/json-patch+json':
      return jsonPatch(existing, body);
    default:
      throw new LabApiError(
        415,
        'UnsupportedMediaType',
        `unsupported patch type ${type}`,
      );
  }
}

/** The manager name the API server derives from the user agent ("kubectl/v1.32…" → "kubectl"). */
export function managerFromAgent(req: IncomingMessage): string {
  return (req.headers['user-agent'] ?? 'unknown').split('/')[0].slice(0, 128);
}

export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore')
    return value;
  throw new LabApiError(
    400,
    'BadRequest',
    `fieldValidation parameter unsupported: ${value}. Supported values: Ignore, Warn, Strict`,
  );
}

/** The `conflicts` fault: the next N writes answer 409. */
export function consumeConflict(faults: ApiFaults) {
  if ((faults.forcedConflicts ?? 0) > 0) {
    faults.forcedConflicts! -= 1;
    throw new LabApiError(
      409,
      'Conflict',
      'the object has been modified; please apply your changes to the latest version and try again (injected fault)',
    );
  }
}
