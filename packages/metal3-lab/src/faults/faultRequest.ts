import { LabApiError } from '../errors';

/**
 * A fault request to the lab's admin endpoint (`POST /lab/v1/faults` on a
 * cluster's API server, with the cluster's bearer token) or from
 * `yarn lab fault`. Every field is optional; several faults can be set at
 * once. Validated here so both paths report the same field errors.
 */
export interface FaultRequest {
  /** The API server answers 503 for this many seconds (watches are cut). */
  unavailableSeconds?: number;
  /** API Priority and Fairness rejects every API request (429) for this many seconds (0 ends it). */
  throttleSeconds?: number;
  /** Latency added before every API response, ms (0 clears). */
  latencyMs?: number;
  /** The next N writes answer 409 Conflict. */
  conflicts?: number;
  /** Close every open watch now, as a network cut would. */
  dropWatches?: boolean;
  /** A host's BMC ("namespace/name"): `hang`, `reject-credentials` or `none`. */
  bmc?: { host: string; fault: 'hang' | 'reject-credentials' | 'none' };
  /** Inspections of this host ("namespace/name") fail (`false` clears). */
  failInspection?: { host: string; fail: boolean };
}

export function parseFaultRequest(body: unknown): FaultRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw bad('the body must be a JSON object of faults');
  }
  const input = body as Record<string, unknown>;
  const known = [
    'unavailableSeconds',
    'throttleSeconds',
    'latencyMs',
    'conflicts',
    'dropWatches',
    'bmc',
    'failInspection',
  ];
  const unknown = Object.keys(input).filter(k => !known.includes(k));
  if (unknown.length > 0)
    throw bad(`unknown field "${unknown[0]}"; known: ${known.join(', ')}`);
  const number = (field: string, max: number) => {
    const value = input[field];
    if (value === undefined) return undefined;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      value > max
    ) {
      throw bad(`${field}: must be a number from 0 to ${max}`);
    }
    return value;
  };
  const request: FaultRequest = {
    unavailableSeconds: number('unavailableSeconds', 3600),
    throttleSeconds: number('throttleSeconds', 3600),
    latencyMs: number('latencyMs', 60_000),
    conflicts: number('conflicts', 1000),
  };
  if (input.dropWatches !== undefined) {
    if (typeof input.dropWatches !== 'boolean')
      throw bad('dropWatches: must be true or false');
    request.dropWatches = input.dropWatches;
  }
  if (input.bmc !== undefined) {
    const bmc = input.bmc as Record<string, unknown>;
    if (typeof bmc?.host !== 'string' || !bmc.host.includes('/'))
      throw bad('bmc.host: must be "namespace/name"');
    if (!['hang', 'reject-credentials', 'none'].includes(String(bmc.fault))) {
      throw bad('bmc.fault: must be one of hang, reject-credentials, none');
    }
    request.bmc = {
      host: bmc.host,
      fault: bmc.fault as 'hang' | 'reject-credentials' | 'none',
    };
  }
  if (input.failInspection !== undefined) {
    const f = input.failInspection as Record<string, unknown>;
    if (typeof f?.host !== 'string' || !f.host.includes('/'))
      throw bad('failInspection.host: must be "namespace/name"');
    request.failInspection = { host: f.host, fail: f.fail !== false };
  }
  return request;
}

function bad(message: string): LabApiError {
  return new LabApiError(
    400,
    'BadRequest',
    `invalid fault request: ${message}`,
  );
}
