import { LabApiError } from '../errors';

/** RFC 7386 JSON merge patch: objects merge, `null` removes, the rest replaces. */
export function mergePatch(target: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
    return patch;
  const result =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...target }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** RFC 6902 JSON patch: add, remove, replace, test (what kubectl sends). */
export function jsonPatch(target: any, operations: any[]): any {
  const doc = structuredClone(target);
  for (const op of operations) {
    const path = String(op.path ?? '')
      .split('/')
      .slice(1)
      .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = path.pop();
    const parent = path.reduce((node: any, key) => {
      if (node?.[key] === undefined)
        throw badPatch(`path ${op.path} does not exist`);
      return node[key];
    }, doc);
    if (last === undefined || parent === undefined)
      throw badPatch(`invalid path ${op.path}`);
    const index = arrayIndex(parent, last);
    switch (op.op) {
      case 'add':
        if (Array.isArray(parent)) parent.splice(index as number, 0, op.value);
        else parent[last] = op.value;
        break;
      case 'replace':
        if (!(last in parent))
          throw badPatch(`replace: path ${op.path} does not exist`);
        parent[index] = op.value;
        break;
      case 'remove':
        if (!(last in parent))
          throw badPatch(`remove: path ${op.path} does not exist`);
        if (Array.isArray(parent)) parent.splice(index as number, 1);
        else delete parent[last];
        break;
      case 'test':
        if (JSON.stringify(parent[index]) !== JSON.stringify(op.value)) {
          throw new LabApiError(
            422,
            'Invalid',
            `test operation failed at ${op.path}`,
          );
        }
        break;
      default:
        throw badPatch(`unsupported operation "${op.op}"`);
    }
  }
  return doc;
}

function badPatch(message: string): LabApiError {
  return new LabApiError(
    422,
    'Invalid',
    `the server rejected our request due to an error in our request: ${message}`,
  );
}

/** The index a JSON-patch path segment names: `-` appends to an array. */
function arrayIndex(parent: unknown, last: string): string | number {
  if (!Array.isArray(parent)) return last;
  return last === '-' ? parent.length : Number(last);
}
