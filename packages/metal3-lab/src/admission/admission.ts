import { LabApiError } from '../errors';
import { admitAgainstSchema, crdSchemaFor } from '../structural';
import { KubeObject, ResourceKey, WriteOptions } from '../types';
import {
  validateBareMetalHost,
  validateBareMetalHostUpdate,
} from './bareMetalHostWebhook';
import { nameErrors } from './objectNames';
import { rbacErrors } from '../rbac/rbacValidation';
import { builtInSchemaFor } from '../structural/builtInSchemas';

/**
 * Admission of one write, in the order of the real API server: the CRD's
 * structural schema (pruning, defaults, validation) and the object name,
 * then the validating webhooks the Metal3 controllers register. Returns the
 * object as it will be stored; throws the Status error the server would.
 */
export type Admission = (
  key: ResourceKey,
  object: KubeObject,
  old: KubeObject | undefined,
  options: WriteOptions,
) => KubeObject;

export const admit: Admission = (key, object, old, options) => {
  const admitted = admitSchema(object, options);
  if (!old) {
    const causes = nameErrors(key, admitted.metadata.name ?? '');
    if (causes.length > 0) throw invalid(admitted, causes);
  }
  if (key.group === 'rbac.authorization.k8s.io') {
    const causes = rbacErrors(admitted, old);
    if (causes.length > 0) throw invalid(admitted, causes);
  }
  if (options.subresource !== 'status') {
    const denial = runWebhooks(key, admitted, old);
    if (denial) throw denial;
  }
  return admitted;
};

/**
 * The structural-schema step alone, in the version the object is written in
 * (the API server validates a request in its own version, before conversion).
 */
export function admitSchema(
  object: KubeObject,
  options: WriteOptions = {},
): KubeObject {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  const schema =
    (group ? crdSchemaFor(group, object.kind, version) : undefined) ??
    builtInSchemaFor(group, object.kind, version);
  if (!schema) return object;
  const fieldValidation = options.fieldValidation ?? 'Warn';
  const result = admitAgainstSchema(schema, object);
  if (result.unknownFields.length > 0) {
    if (fieldValidation === 'Strict') {
      // Unknown fields fail decoding before any validation runs: 400, not 422.
      throw new LabApiError(
        400,
        'BadRequest',
        `${object.kind} in version "${version}" cannot be handled as a ${
          object.kind
        }: strict decoding error: ${result.unknownFields
          .map(f => `unknown field "${f}"`)
          .join(', ')}`,
      );
    }
    if (fieldValidation === 'Warn') {
      options.warnings?.push(
        ...result.unknownFields.map(f => `unknown field "${f}"`),
      );
    }
  }
  if (result.errors.length > 0) throw invalid(object, result.errors);
  return result.object;
}

/** A validating webhook's denial, as the API server wraps it (403). */
function runWebhooks(
  key: ResourceKey,
  object: KubeObject,
  old: KubeObject | undefined,
): LabApiError | undefined {
  if (key.group === 'metal3.io' && key.resource === 'baremetalhosts') {
    const messages = old
      ? validateBareMetalHostUpdate(old, object)
      : validateBareMetalHost(object);
    if (messages.length === 0) return undefined;
    // controller-runtime turns a plain (aggregated) error into a denial.
    const text =
      messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
    return new LabApiError(
      403,
      'Forbidden',
      `admission webhook "baremetalhost.metal3.io" denied the request: ${text}`,
    );
  }
  return undefined;
}

export function invalid(
  object: KubeObject,
  causes: { field: string; reason: string; message: string }[],
): LabApiError {
  const group = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')[0]
    : '';
  return new LabApiError(
    422,
    'Invalid',
    `${object.kind}${group ? `.${group}` : ''} "${
      object.metadata.name ?? ''
    }" is invalid: ${causes.map(c => `${c.field}: ${c.message}`).join(', ')}`,
    {
      name: object.metadata.name,
      group,
      kind: object.kind,
      causes,
    },
  );
}
