import type { internal } from '@backstage/backend-openapi-utils';
import type {
  ApprovalDecisionRequest,
  ApprovalFinishRequest,
  ApprovalListQuery,
  ApprovalListResponse,
  ApprovalRequestDto,
  ApprovalRequestResponse,
  ApprovalResponse,
  ApprovalStartRequest,
  BmcPreflightRequest,
  BmcPreflightResponse,
  BmcTelemetryDto,
  ClusterFindingsResponse,
  ClusterListResponse,
  ErrorResponseDto,
  FindingsResponse,
  EventListResponse,
  HealthResponse,
  HostAction,
  HostActionAccepted,
  HostActionChanged,
  HostActionRequest,
  HostBmcQuery,
  HostDetailDto,
  HostFindingsResponse,
  HostHistoryResponse,
  HostListQuery,
  HostListResponse,
  ImageListResponse,
  ObjectRefDto,
  OperationResponse,
  PoolDetailDto,
  PoolListResponse,
  PoolScaleRequest,
  PoolScaleResponse,
} from '@metal3-fleet/plugin-metal3-common';
import {
  createOwnerResolver,
  DEFAULT_OWNER_KEY,
} from '@metal3-fleet/plugin-metal3-common';
import { linkHost } from '@metal3-fleet/plugin-metal3-node';
import { createFleet } from '../__fixtures__/fleet';
import { specViolations } from '../__testUtils__/specResponses';
import { buildHostSummary, servedHostSummary } from '../fleet/hostSummary';
import { spec } from './openapi/generated/router';

/*
 * The drift check between the wire types of metal3-common and openapi.yaml:
 * - `yarn tsc` fails on the entry of WIRE_TYPES / WIRE_PARAMETERS whose wire
 *   type and the body or parameters the spec declares differ in any field
 *   (name, type, optionality, enum value), read the way the typed router
 *   reads the spec (json-schema-to-ts), and shows both sides;
 * - the first test fails when the spec declares a body or parameter set that
 *   has no proven wire type;
 * - src/__testUtils__/specResponses.ts, which every lab test's answers pass
 *   through, fails on an answer the spec does not declare (a field a builder
 *   sends undeclared, which the compiler cannot see through a spread).
 */

type Spec = typeof spec;
type Path = internal.DocPath<Spec>;

/** The body `status` answers on `method path`, as the spec declares it. */
type SpecResponse<
  P extends Path,
  M extends internal.DocPathMethod<Spec, P>,
  S extends keyof internal.ResponseSchemas<Spec, P, M>,
> = internal.ToTypeSafe<internal.ResponseSchemas<Spec, P, M>[S]>;
type SpecRequest<
  P extends Path,
  M extends internal.DocPathMethod<Spec, P>,
> = internal.RequestBodyToJsonSchema<Spec, P, M>;
type SpecQuery<
  P extends Path,
  M extends internal.DocPathMethod<Spec, P>,
> = internal.QuerySchema<Spec, P, M>;
type SpecPath<
  P extends Path,
  M extends internal.DocPathMethod<Spec, P>,
> = internal.PathSchema<Spec, P, M>;

/** Interfaces, intersections and type literals compared by their fields alone. */
type Plain<T> = T extends (infer U)[]
  ? Plain<U>[]
  : T extends object
  ? { [K in keyof T]: Plain<T[K]> }
  : T;
/** Exactly the same type (not merely assignable either way). */
type Same<A, B> = (<T>() => T extends Plain<A> ? 1 : 2) extends <
  T,
>() => T extends Plain<B> ? 1 : 2
  ? true
  : false;

/**
 * The name of a wire type, accepted by the compiler only when the type is
 * exactly what the spec declares; otherwise the error shows both sides.
 */
function proven<Wire, Declared>(
  name: Same<Wire, Declared> extends true
    ? string
    : { wire: Plain<Wire>; spec: Plain<Declared> },
): string {
  return name as string;
}

type HostPath = '/hosts/{cluster}/{namespace}/{name}';
type PoolPath = '/pools/{cluster}/{namespace}/{name}';

/** Every body of `/api/metal3` (`<METHOD> <path> <status>|body`) and its proven wire type. */
const WIRE_TYPES: Record<string, string> = {
  'GET /health 200': proven<
    HealthResponse,
    SpecResponse<'/health', 'get', '200'>
  >('HealthResponse'),
  'GET /clusters 200': proven<
    ClusterListResponse,
    SpecResponse<'/clusters', 'get', '200'>
  >('ClusterListResponse'),
  'GET /clusters/{cluster}/findings 200': proven<
    ClusterFindingsResponse,
    SpecResponse<'/clusters/{cluster}/findings', 'get', '200'>
  >('ClusterFindingsResponse'),
  'GET /clusters/{cluster}/images 200': proven<
    ImageListResponse,
    SpecResponse<'/clusters/{cluster}/images', 'get', '200'>
  >('ImageListResponse'),
  'GET /hosts/{cluster}/{namespace}/{name}/findings 200': proven<
    HostFindingsResponse,
    SpecResponse<`${HostPath}/findings`, 'get', '200'>
  >('HostFindingsResponse'),
  'GET /pools/{cluster}/{namespace}/{name}/findings 200': proven<
    FindingsResponse,
    SpecResponse<`${PoolPath}/findings`, 'get', '200'>
  >('FindingsResponse'),
  'GET /hosts 200': proven<
    HostListResponse,
    SpecResponse<'/hosts', 'get', '200'>
  >('HostListResponse'),
  'GET /hosts/{cluster}/{namespace}/{name} 200': proven<
    HostDetailDto,
    SpecResponse<HostPath, 'get', '200'>
  >('HostDetailDto'),
  'GET /hosts/{cluster}/{namespace}/{name}/events 200': proven<
    EventListResponse,
    SpecResponse<`${HostPath}/events`, 'get', '200'>
  >('EventListResponse'),
  'GET /hosts/{cluster}/{namespace}/{name}/history 200': proven<
    HostHistoryResponse,
    SpecResponse<`${HostPath}/history`, 'get', '200'>
  >('HostHistoryResponse'),
  'GET /hosts/{cluster}/{namespace}/{name}/bmc 200': proven<
    BmcTelemetryDto,
    SpecResponse<`${HostPath}/bmc`, 'get', '200'>
  >('BmcTelemetryDto'),
  'POST /hosts/{cluster}/{namespace}/{name}/actions/{action} body': proven<
    HostActionRequest,
    SpecRequest<`${HostPath}/actions/{action}`, 'post'>
  >('HostActionRequest'),
  'POST /hosts/{cluster}/{namespace}/{name}/actions/{action} 200': proven<
    HostActionChanged,
    SpecResponse<`${HostPath}/actions/{action}`, 'post', '200'>
  >('HostActionChanged'),
  'POST /hosts/{cluster}/{namespace}/{name}/actions/{action} 202': proven<
    HostActionAccepted,
    SpecResponse<`${HostPath}/actions/{action}`, 'post', '202'>
  >('HostActionAccepted'),
  'GET /operations/{id} 200': proven<
    OperationResponse,
    SpecResponse<'/operations/{id}', 'get', '200'>
  >('OperationResponse'),
  'GET /pools 200': proven<
    PoolListResponse,
    SpecResponse<'/pools', 'get', '200'>
  >('PoolListResponse'),
  'GET /pools/{cluster}/{namespace}/{name} 200': proven<
    PoolDetailDto,
    SpecResponse<PoolPath, 'get', '200'>
  >('PoolDetailDto'),
  'GET /pools/{cluster}/{namespace}/{name}/events 200': proven<
    EventListResponse,
    SpecResponse<`${PoolPath}/events`, 'get', '200'>
  >('EventListResponse'),
  'POST /pools/{cluster}/{namespace}/{name}/actions/scale body': proven<
    PoolScaleRequest,
    SpecRequest<`${PoolPath}/actions/scale`, 'post'>
  >('PoolScaleRequest'),
  'POST /pools/{cluster}/{namespace}/{name}/actions/scale 200': proven<
    PoolScaleResponse,
    SpecResponse<`${PoolPath}/actions/scale`, 'post', '200'>
  >('PoolScaleResponse'),
  'POST /pools/{cluster}/{namespace}/{name}/actions/scale 202': proven<
    ApprovalResponse,
    SpecResponse<`${PoolPath}/actions/scale`, 'post', '202'>
  >('ApprovalResponse'),
  'GET /approvals 200': proven<
    ApprovalListResponse,
    SpecResponse<'/approvals', 'get', '200'>
  >('ApprovalListResponse'),
  'POST /approvals body': proven<
    ApprovalRequestDto,
    SpecRequest<'/approvals', 'post'>
  >('ApprovalRequestDto'),
  'POST /approvals 200': proven<
    ApprovalRequestResponse,
    SpecResponse<'/approvals', 'post', '200'>
  >('ApprovalRequestResponse'),
  'GET /approvals/{id} 200': proven<
    ApprovalResponse,
    SpecResponse<'/approvals/{id}', 'get', '200'>
  >('ApprovalResponse'),
  'POST /approvals/{id}/approve body': proven<
    ApprovalDecisionRequest,
    SpecRequest<'/approvals/{id}/approve', 'post'>
  >('ApprovalDecisionRequest'),
  'POST /approvals/{id}/approve 200': proven<
    ApprovalResponse,
    SpecResponse<'/approvals/{id}/approve', 'post', '200'>
  >('ApprovalResponse'),
  'POST /approvals/{id}/reject body': proven<
    ApprovalDecisionRequest,
    SpecRequest<'/approvals/{id}/reject', 'post'>
  >('ApprovalDecisionRequest'),
  'POST /approvals/{id}/reject 200': proven<
    ApprovalResponse,
    SpecResponse<'/approvals/{id}/reject', 'post', '200'>
  >('ApprovalResponse'),
  'POST /approvals/{id}/withdraw 200': proven<
    ApprovalResponse,
    SpecResponse<'/approvals/{id}/withdraw', 'post', '200'>
  >('ApprovalResponse'),
  'POST /approvals/{id}/start body': proven<
    ApprovalStartRequest,
    SpecRequest<'/approvals/{id}/start', 'post'>
  >('ApprovalStartRequest'),
  'POST /approvals/{id}/start 200': proven<
    ApprovalResponse,
    SpecResponse<'/approvals/{id}/start', 'post', '200'>
  >('ApprovalResponse'),
  'POST /approvals/{id}/finish body': proven<
    ApprovalFinishRequest,
    SpecRequest<'/approvals/{id}/finish', 'post'>
  >('ApprovalFinishRequest'),
  'POST /approvals/{id}/finish 200': proven<
    ApprovalResponse,
    SpecResponse<'/approvals/{id}/finish', 'post', '200'>
  >('ApprovalResponse'),
  'POST /bmc/preflight body': proven<
    BmcPreflightRequest,
    SpecRequest<'/bmc/preflight', 'post'>
  >('BmcPreflightRequest'),
  'POST /bmc/preflight 200': proven<
    BmcPreflightResponse,
    SpecResponse<'/bmc/preflight', 'post', '200'>
  >('BmcPreflightResponse'),
  // Every `default` answer is components/responses/ErrorResponse (below).
  'default error': proven<
    ErrorResponseDto,
    SpecResponse<'/clusters', 'get', 'default'>
  >('ErrorResponseDto'),
};

/** Every parameter set of `/api/metal3` (`<METHOD> <path> query|path`) and its proven wire type. */
const WIRE_PARAMETERS: Record<string, string> = {
  'GET /hosts query': proven<HostListQuery, SpecQuery<'/hosts', 'get'>>(
    'HostListQuery',
  ),
  'GET /hosts/{cluster}/{namespace}/{name}/bmc query': proven<
    HostBmcQuery,
    SpecQuery<`${HostPath}/bmc`, 'get'>
  >('HostBmcQuery'),
  'GET /hosts/{cluster}/{namespace}/{name} path': proven<
    ObjectRefDto,
    SpecPath<HostPath, 'get'>
  >('ObjectRefDto'),
  'GET /hosts/{cluster}/{namespace}/{name}/events path': proven<
    ObjectRefDto,
    SpecPath<`${HostPath}/events`, 'get'>
  >('ObjectRefDto'),
  'GET /hosts/{cluster}/{namespace}/{name}/bmc path': proven<
    ObjectRefDto,
    SpecPath<`${HostPath}/bmc`, 'get'>
  >('ObjectRefDto'),
  'GET /hosts/{cluster}/{namespace}/{name}/history path': proven<
    ObjectRefDto,
    SpecPath<`${HostPath}/history`, 'get'>
  >('ObjectRefDto'),
  'POST /hosts/{cluster}/{namespace}/{name}/actions/{action} path': proven<
    ObjectRefDto & { action: HostAction },
    SpecPath<`${HostPath}/actions/{action}`, 'post'>
  >('ObjectRefDto & { action: HostAction }'),
  'GET /operations/{id} path': proven<
    { id: string },
    SpecPath<'/operations/{id}', 'get'>
  >('{ id: string }'),
  'GET /approvals query': proven<
    ApprovalListQuery,
    SpecQuery<'/approvals', 'get'>
  >('ApprovalListQuery'),
  'GET /approvals/{id} path': proven<
    { id: string },
    SpecPath<'/approvals/{id}', 'get'>
  >('{ id: string }'),
  'POST /approvals/{id}/approve path': proven<
    { id: string },
    SpecPath<'/approvals/{id}/approve', 'post'>
  >('{ id: string }'),
  'POST /approvals/{id}/reject path': proven<
    { id: string },
    SpecPath<'/approvals/{id}/reject', 'post'>
  >('{ id: string }'),
  'POST /approvals/{id}/withdraw path': proven<
    { id: string },
    SpecPath<'/approvals/{id}/withdraw', 'post'>
  >('{ id: string }'),
  'POST /approvals/{id}/start path': proven<
    { id: string },
    SpecPath<'/approvals/{id}/start', 'post'>
  >('{ id: string }'),
  'POST /approvals/{id}/finish path': proven<
    { id: string },
    SpecPath<'/approvals/{id}/finish', 'post'>
  >('{ id: string }'),
  'GET /pools/{cluster}/{namespace}/{name} path': proven<
    ObjectRefDto,
    SpecPath<PoolPath, 'get'>
  >('ObjectRefDto'),
  'GET /clusters/{cluster}/findings path': proven<
    { cluster: string },
    SpecPath<'/clusters/{cluster}/findings', 'get'>
  >('{ cluster: string }'),
  'GET /clusters/{cluster}/images path': proven<
    { cluster: string },
    SpecPath<'/clusters/{cluster}/images', 'get'>
  >('{ cluster: string }'),
  'GET /hosts/{cluster}/{namespace}/{name}/findings path': proven<
    ObjectRefDto,
    SpecPath<`${HostPath}/findings`, 'get'>
  >('ObjectRefDto'),
  'GET /pools/{cluster}/{namespace}/{name}/findings path': proven<
    ObjectRefDto,
    SpecPath<`${PoolPath}/findings`, 'get'>
  >('ObjectRefDto'),
  'GET /pools/{cluster}/{namespace}/{name}/events path': proven<
    ObjectRefDto,
    SpecPath<`${PoolPath}/events`, 'get'>
  >('ObjectRefDto'),
  'POST /pools/{cluster}/{namespace}/{name}/actions/scale path': proven<
    ObjectRefDto,
    SpecPath<`${PoolPath}/actions/scale`, 'post'>
  >('ObjectRefDto'),
};

describe('wire types of metal3-common', () => {
  it('are proven equal to the spec for every body and parameter set it declares', () => {
    const declared: string[] = ['default error'];
    const errorRef = '#/components/responses/ErrorResponse';
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item) as [
        string,
        any,
      ][]) {
        const name = `${method.toUpperCase()} ${path}`;
        const places = new Set(
          (operation.parameters ?? []).map((p: any) =>
            p.$ref ? 'path' : p.in,
          ),
        );
        for (const place of places) declared.push(`${name} ${place}`);
        if (operation.requestBody) declared.push(`${name} body`);
        for (const [status, response] of Object.entries(
          operation.responses,
        ) as [string, any][]) {
          // One proof covers them all: every default is the shared error.
          if (status !== 'default' || response.$ref !== errorRef)
            declared.push(`${name} ${status}`);
        }
      }
    }
    expect(
      [...Object.keys(WIRE_TYPES), ...Object.keys(WIRE_PARAMETERS)].sort(),
    ).toEqual(declared.sort());
  });
});

describe('the spec as a check of what the API sends', () => {
  const fleet = createFleet();
  const cache = fleet.getCluster('kube-dc-mgmt');
  const host = cache.get('baremetalhosts', 'metal3/worker-0')!;
  const row = servedHostSummary(
    buildHostSummary(
      'kube-dc-mgmt',
      host,
      linkHost(cache, host),
      createOwnerResolver({
        ownerKey: DEFAULT_OWNER_KEY,
        defaultOwner: 'group:default/metal3-admins',
      }),
    ),
  );
  const page = (items: unknown[]) => ({
    items,
    total: items.length,
    facets: { status: {}, pool: {}, cluster: {}, vendor: {}, protocol: {} },
    staleClusters: [],
  });

  it('accepts a fleet page built by the real row builder', () => {
    expect(specViolations('GET', '/hosts?limit=1', 200, page([row]))).toEqual(
      [],
    );
  });

  it('refuses a field a builder sends without declaring it, naming it, at any depth', () => {
    expect(
      specViolations('GET', '/hosts', 200, page([{ ...row, rackUnit: 7 }])),
    ).toEqual([
      'GET /hosts 200: /items/0 must NOT have unevaluated properties (rackUnit)',
    ]);
    expect(
      specViolations('GET', '/hosts', 200, {
        ...page([{ ...row, status: { ...row.status, colour: 'green' } }]),
      }),
    ).toEqual([
      'GET /hosts 200: /items/0/status must NOT have additional properties (colour)',
    ]);
  });

  it('refuses a missing required field and a value outside an enum', () => {
    const { owner: _owner, ...ownerless } = row;
    expect(specViolations('GET', '/hosts', 200, page([ownerless]))).toEqual([
      "GET /hosts 200: /items/0 must have required property 'owner'",
    ]);
    expect(
      specViolations('GET', '/hosts/kube-dc-mgmt/metal3/worker-0/bmc', 200, {
        protocol: 'snmp',
        readAt: '2026-11-25T10:00:00Z',
        errors: [],
      }),
    ).toEqual([
      'GET /hosts/{cluster}/{namespace}/{name}/bmc 200: /protocol must be equal to one of the allowed values',
    ]);
  });

  it('checks error answers against the Backstage error body, and knows every path', () => {
    expect(
      specViolations('POST', '/pools/c/n/p/actions/scale', 409, {
        error: { name: 'ConflictError', message: 'pool p changed' },
        request: {
          method: 'POST',
          url: '/api/metal3/pools/c/n/p/actions/scale',
        },
        response: { statusCode: 409 },
      }),
    ).toEqual([]);
    expect(specViolations('GET', '/racks', 200, {})).toEqual([
      'get /racks: no path of the spec',
    ]);
  });
});
