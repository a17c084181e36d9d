/**
 * Shapes shared by several `/api/metal3` bodies. Every wire type of this
 * folder is checked against the backend's OpenAPI spec
 * (plugins/metal3-backend/src/schema/openapi.yaml): `yarn tsc` fails when a
 * type and the body the spec declares differ, and the backend's lab tests
 * validate every response against the spec.
 */

/** Identifies an object in a cluster. @public */
export interface ObjectRefDto {
  cluster: string;
  namespace: string;
  name: string;
}

/** A cluster whose data is served from the last good read. @public */
export interface StaleClusterDto {
  name: string;
  /** When the data stopped being live (ISO 8601). */
  staleSince: string;
  lastError?: string;
}

/** `GET /health`. @public */
export interface HealthResponse {
  /** `ok` while the plugin serves. */
  status: string;
}

/**
 * Every error answer: the Backstage error body (`ErrorResponseBody` of
 * `@backstage/errors`). `error` is the serialized error; fields of its own
 * beside `name` and `message` (for example `cause`) are kept.
 *
 * @public
 */
export interface ErrorResponseDto {
  error: {
    name: string;
    message: string;
    stack?: string;
    [key: string]: unknown;
  };
  request?: { method: string; url: string };
  response: { statusCode: number };
}
