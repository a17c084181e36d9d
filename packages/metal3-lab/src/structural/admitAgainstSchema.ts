/**
 * What the API server does with a custom resource against its CRD's
 * structural schema (apiextensions-apiserver): prune fields the schema does
 * not declare, apply `default`s, then validate. One walk over the object
 * does all three, in that order at every node. Error paths and messages
 * follow apimachinery's field errors (`spec.bmc.address: Required value`).
 *
 * Not implemented: `x-kubernetes-validations` (CEL rules). The lab's
 * webhook layer covers the rules our tests rely on.
 */

/** @public */
export type FieldErrorReason =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTypeInvalid'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueDuplicate';

/** @public */
export interface FieldError {
  field: string;
  reason: FieldErrorReason;
  message: string;
}

/** @public */
export interface SchemaAdmission {
  object: any;
  errors: FieldError[];
  /** Paths of the fields pruning dropped, e.g. `spec.foo`. */
  unknownFields: string[];
}

/** A CRD's OpenAPI v3 schema, as the lab reads it. @public */
export type Schema = Record<string, any>;

/** Metadata is the API server's, not the CRD schema's. */
const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** @public */
export function admitAgainstSchema(
  schema: Schema,
  input: any,
): SchemaAdmission {
  const object = structuredClone(input);
  const state: SchemaAdmission = { object, errors: [], unknownFields: [] };
  const root = { ...schema, properties: { ...(schema.properties ?? {}) } };
  for (const field of ROOT_FIELDS) delete root.properties[field];
  const metadataFields = Object.fromEntries(
    [...ROOT_FIELDS].filter(f => f in object).map(f => [f, object[f]]),
  );
  for (const field of ROOT_FIELDS) delete object[field];
  walk(root, object, '', state);
  Object.assign(object, metadataFields);
  return state;
}

function walk(
  schema: Schema,
  value: any,
  path: string,
  state: SchemaAdmission,
): void {
  if (value === null) {
    if (!schema.nullable) typeError(schema, value, path, state);
    return;
  }
  if (!checkType(schema, value, path, state)) return;
  if (isPlainObject(value)) walkObject(schema, value, path, state);
  else if (Array.isArray(value)) walkArray(schema, value, path, state);
  else validateScalar(schema, value, path, state);
  validateCommon(schema, value, path, state);
}

function walkObject(
  schema: Schema,
  value: Record<string, any>,
  path: string,
  state: SchemaAdmission,
) {
  const properties: Record<string, Schema> | undefined = schema.properties;
  const additional = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    // JSON has no undefined: such keys are absent on the wire.
    if (value[key] === undefined) delete value[key];
  }
  for (const key of Object.keys(value)) {
    const child =
      properties?.[key] ?? (isPlainObject(additional) ? additional : undefined);
    if (child) continue;
    if (preserve || additional === true || (embedded && ROOT_FIELDS.has(key)))
      continue;
    if (properties || additional === false || additional === undefined) {
      delete value[key];
      state.unknownFields.push(join(path, key));
    }
  }
  if (properties) {
    for (const [key, child] of Object.entries(properties)) {
      // A null where the schema allows none: defaulted if it has a default,
      // else dropped (apiextensions prunes non-nullable nulls the same way).
      if (value[key] === null && !child.nullable) {
        if (child.default !== undefined)
          value[key] = structuredClone(child.default);
        else delete value[key];
      }
      if (!(key in value) && child.default !== undefined)
        value[key] = structuredClone(child.default);
    }
  }
  for (const required of schema.required ?? []) {
    if (!(required in value)) {
      state.errors.push({
        field: join(path, required),
        reason: 'FieldValueRequired',
        message: 'Required value',
      });
    }
  }
  for (const [key, child] of Object.entries(value)) {
    const childSchema =
      properties?.[key] ?? (isPlainObject(additional) ? additional : undefined);
    if (childSchema) walk(childSchema, child, join(path, key), state);
  }
  const count = Object.keys(value).length;
  if (schema.maxProperties !== undefined && count > schema.maxProperties) {
    state.errors.push({
      field: path,
      reason: 'FieldValueTooMany',
      message: `Too many: ${count}: must have at most ${schema.maxProperties} items`,
    });
  }
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    invalid(
      state,
      path,
      count,
      `${path} in body should have at least ${schema.minProperties} properties`,
    );
  }
}

function walkArray(
  schema: Schema,
  value: any[],
  path: string,
  state: SchemaAdmission,
) {
  if (schema.items) {
    value.forEach((item, i) => {
      if (isPlainObject(item) && schema.items.properties) {
        for (const [key, child] of Object.entries<Schema>(
          schema.items.properties,
        )) {
          if (!(key in item) && child.default !== undefined)
            item[key] = structuredClone(child.default);
        }
      }
      walk(schema.items, item, `${path}[${i}]`, state);
    });
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    state.errors.push({
      field: path,
      reason: 'FieldValueTooMany',
      message: `Too many: ${value.length}: must have at most ${schema.maxItems} items`,
    });
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    invalid(
      state,
      path,
      value.length,
      `${path} in body should have at least ${schema.minItems} items`,
    );
  }
  const listType = schema['x-kubernetes-list-type'];
  if (schema.uniqueItems || listType === 'set') {
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const key = JSON.stringify(item);
      if (seen.has(key))
        state.errors.push({
          field: `${path}[${i}]`,
          reason: 'FieldValueDuplicate',
          message: `Duplicate value: ${key}`,
        });
      seen.add(key);
    });
  }
  if (listType === 'map') {
    const keys: string[] = schema['x-kubernetes-list-map-keys'] ?? [];
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const key = JSON.stringify(keys.map(k => item?.[k]));
      if (seen.has(key)) {
        const shown = keys
          .map(k => `"${k}":${JSON.stringify(item?.[k])}`)
          .join(',');
        state.errors.push({
          field: `${path}[${i}]`,
          reason: 'FieldValueDuplicate',
          message: `Duplicate value: map[string]interface {}{${shown}}`,
        });
      }
      seen.add(key);
    });
  }
}

function validateScalar(
  schema: Schema,
  value: any,
  path: string,
  state: SchemaAdmission,
) {
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      state.errors.push({
        field: path,
        reason: 'FieldValueTooLong',
        message: `Too long: may not be more than ${schema.maxLength} bytes`,
      });
    }
    if (schema.minLength !== undefined && length < schema.minLength) {
      invalid(
        state,
        path,
        value,
        `${path} in body should be at least ${schema.minLength} chars long`,
      );
    }
    if (schema.pattern && !compiled(schema.pattern).test(value)) {
      invalid(
        state,
        path,
        value,
        `${path} in body should match '${schema.pattern}'`,
      );
    }
    const format = schema.format;
    if (format === 'date-time' && Number.isNaN(Date.parse(value))) {
      invalid(
        state,
        path,
        value,
        `${path} in body must be of type date-time: ${JSON.stringify(value)}`,
      );
    }
    if (format === 'byte' && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      invalid(
        state,
        path,
        value,
        `${path} in body must be of type byte: ${JSON.stringify(value)}`,
      );
    }
  }
  if (typeof value === 'number') {
    if (
      schema.minimum !== undefined &&
      (schema.exclusiveMinimum
        ? value <= schema.minimum
        : value < schema.minimum)
    ) {
      invalid(
        state,
        path,
        value,
        `${path} in body should be greater than ${
          schema.exclusiveMinimum ? '' : 'or equal to '
        }${schema.minimum}`,
      );
    }
    if (
      schema.maximum !== undefined &&
      (schema.exclusiveMaximum
        ? value >= schema.maximum
        : value > schema.maximum)
    ) {
      invalid(
        state,
        path,
        value,
        `${path} in body should be less than ${
          schema.exclusiveMaximum ? '' : 'or equal to '
        }${schema.maximum}`,
      );
    }
    if (
      schema.format === 'int32' &&
      (value > 2147483647 || value < -2147483648)
    ) {
      invalid(
        state,
        path,
        value,
        `${path} in body must be of type int32: "${value}"`,
      );
    }
  }
}

function validateCommon(
  schema: Schema,
  value: any,
  path: string,
  state: SchemaAdmission,
) {
  if (
    schema.enum &&
    !schema.enum.some((e: any) => JSON.stringify(e) === JSON.stringify(value))
  ) {
    state.errors.push({
      field: path,
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(
        value,
      )}: supported values: ${schema.enum
        .map((e: any) => JSON.stringify(e))
        .join(', ')}`,
    });
  }
  // Value validations only: structural schemas forbid types and defaults here.
  for (const part of schema.allOf ?? []) validateOnly(part, value, path, state);
  if (
    schema.anyOf &&
    !schema.anyOf.some((part: Schema) => passes(part, value, path))
  ) {
    invalid(
      state,
      path,
      value,
      `${path} in body must be valid against any of the schemas`,
    );
  }
  if (
    schema.oneOf &&
    schema.oneOf.filter((part: Schema) => passes(part, value, path)).length !==
      1
  ) {
    invalid(
      state,
      path,
      value,
      `${path} in body must validate one and only one schema (oneOf)`,
    );
  }
  if (schema.not && passes(schema.not, value, path)) {
    invalid(
      state,
      path,
      value,
      `${path} in body should not be valid against the given schema`,
    );
  }
}

/** Runs a value-validation branch without pruning or defaulting anything. */
function validateOnly(
  schema: Schema,
  value: any,
  path: string,
  state: SchemaAdmission,
) {
  const scratch: SchemaAdmission = {
    object: undefined,
    errors: [],
    unknownFields: [],
  };
  const branch = { ...schema, 'x-kubernetes-preserve-unknown-fields': true };
  walk(branch, structuredClone(value), path, scratch);
  state.errors.push(...scratch.errors);
}

function passes(schema: Schema, value: any, path: string): boolean {
  const scratch: SchemaAdmission = {
    object: undefined,
    errors: [],
    unknownFields: [],
  };
  validateOnly(schema, value, path, scratch);
  return scratch.errors.length === 0;
}

/** Type check; false when the value's children should not be walked. */
function checkType(
  schema: Schema,
  value: any,
  path: string,
  state: SchemaAdmission,
): boolean {
  if (schema['x-kubernetes-int-or-string']) {
    if (Number.isInteger(value) || typeof value === 'string') return true;
    typeError({ type: 'integer or string' }, value, path, state);
    return false;
  }
  const ok = (() => {
    switch (schema.type) {
      case undefined:
        return true;
      case 'object':
        return isPlainObject(value);
      case 'array':
        return Array.isArray(value);
      case 'string':
        return typeof value === 'string';
      case 'integer':
        return Number.isInteger(value);
      case 'number':
        return typeof value === 'number';
      case 'boolean':
        return typeof value === 'boolean';
      default:
        return true;
    }
  })();
  if (!ok) typeError(schema, value, path, state);
  return ok;
}

function typeError(
  schema: Schema,
  value: any,
  path: string,
  state: SchemaAdmission,
) {
  const actual = jsonType(value);
  state.errors.push({
    field: path,
    reason: 'FieldValueTypeInvalid',
    message: `Invalid value: "${actual}": ${path} in body must be of type ${schema.type}: "${actual}"`,
  });
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function invalid(
  state: SchemaAdmission,
  path: string,
  value: unknown,
  detail: string,
) {
  state.errors.push({
    field: path,
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
  });
}

const patterns = new Map<string, RegExp>();
/** Go RE2 patterns as JS RegExps (unanchored, like Go's MatchString). */
function compiled(pattern: string): RegExp {
  let regexp = patterns.get(pattern);
  if (!regexp) {
    regexp = new RegExp(pattern.replace(/\\z/g, '$'), 'u');
    patterns.set(pattern, regexp);
  }
  return regexp;
}

function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
