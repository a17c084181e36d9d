import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spec } from '../schema/openapi/generated/router';

/**
 * The runtime half of the wire-type drift check: every answer the tests get
 * from the API must be what src/schema/openapi.yaml declares for its path,
 * method and status. The spec's bodies are closed (`additionalProperties` /
 * `unevaluatedProperties: false`), so a field a builder sends without
 * declaring it fails here, naming the field, even where the compiler cannot
 * see it (a spread of a wider object). A validator of its own (ajv, JSON
 * Schema 2020-12 as OpenAPI 3.1 uses) rather than the router's: production
 * does not pay for validating its answers, and turns no undeclared field
 * into an outage.
 */

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec as object, 'metal3');

interface Template {
  template: string;
  pattern: RegExp;
  literals: number;
}

// A literal segment beats a parameter (`/actions/scale` before `{action}`).
const templates: Template[] = Object.keys(spec.paths)
  .map(template => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
    literals: template.split('/').filter(s => s && !s.startsWith('{')).length,
  }))
  .sort((a, b) => b.literals - a.literals);

const pointer = (...segments: string[]) =>
  segments
    .map(s => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');

const compiled = new Map<string, ValidateFunction>();

function validatorFor(ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: `metal3#/${ref}` });
    compiled.set(ref, validate);
  }
  return validate;
}

/** Where the schema of an answer is, or why there is none. */
function schemaRef(
  method: string,
  path: string,
  status: number,
): { ref: string; name: string } | { missing: string } {
  const template = templates.find(t => t.pattern.test(path))?.template;
  if (!template) return { missing: `${method} ${path}: no path of the spec` };
  const operation = (spec.paths as Record<string, any>)[template][method];
  if (!operation) return { missing: `${method} ${template}: not in the spec` };
  const code =
    String(status) in operation.responses ? String(status) : 'default';
  const response = operation.responses[code];
  const name = `${method.toUpperCase()} ${template} ${status}`;
  if (!response) return { missing: `${name}: no such response in the spec` };
  const base: string[] = response.$ref
    ? response.$ref.replace(/^#\//, '').split('/')
    : ['paths', template, method, 'responses', code];
  return {
    name,
    ref: pointer(...base, 'content', 'application/json', 'schema'),
  };
}

/**
 * What is wrong with an answer of the API against the spec; empty when it
 * is a body the spec declares for that path, method and status.
 *
 * @param path - the path below `/api/metal3`, query string allowed
 */
export function specViolations(
  method: string,
  path: string,
  status: number,
  body: unknown,
): string[] {
  const found = schemaRef(method.toLowerCase(), path.split('?')[0], status);
  if ('missing' in found) return [found.missing];
  const validate = validatorFor(found.ref);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(e => {
    const field =
      e.params.unevaluatedProperty ?? e.params.additionalProperty ?? '';
    return `${found.name}: ${e.instancePath || '(body)'} ${e.message}${
      field ? ` (${field})` : ''
    }`;
  });
}

/** A supertest answer, as far as the check needs it. */
interface Answer {
  status: number;
  body: unknown;
  request: { method: string; url: string };
}

/**
 * Throws, naming every field, unless the answer is what the spec declares;
 * returns it otherwise, so a test can wrap its requests.
 */
export function expectSpecResponse<T extends Answer>(answer: T): T {
  const path = new URL(answer.request.url).pathname.replace(
    /^\/api\/metal3/,
    '',
  );
  const violations = specViolations(
    answer.request.method,
    path,
    answer.status,
    answer.body,
  );
  if (violations.length > 0) {
    throw new Error(
      `The API answered what openapi.yaml does not declare:\n${violations.join(
        '\n',
      )}`,
    );
  }
  return answer;
}
