import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import {
  ApprovalDto,
  ApprovalFinishRequest,
  ApprovalRequestDto,
  ApprovalRequestResponse,
  ApprovalResponse,
  METAL3_PLUGIN_ID,
} from '@metal3-fleet/plugin-metal3-common';

/** The metal3 backend's approvals, as a template task asks and waits for them. */
export interface ApprovalsClient {
  request(
    body: ApprovalRequestDto,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequestResponse>;
  get(id: string, credentials: BackstageCredentials): Promise<ApprovalDto>;
  start(
    id: string,
    taskId: string,
    credentials: BackstageCredentials,
  ): Promise<ApprovalDto>;
  finish(
    id: string,
    body: ApprovalFinishRequest,
    credentials: BackstageCredentials,
  ): Promise<ApprovalDto>;
  withdraw(id: string, credentials: BackstageCredentials): Promise<ApprovalDto>;
}

/**
 * Calls `/api/metal3/approvals` with a token on behalf of the task's
 * initiator (`auth.getPluginRequestToken`): the metal3 backend sees the
 * person who ran the template, checks their permission for the operation,
 * records them as the requester and refuses them as its approver. A
 * service-to-service call rather than the metal3 database itself: that
 * database is the metal3 plugin's own, and the backend computes the impact
 * from its fleet index.
 */
export class HttpApprovalsClient implements ApprovalsClient {
  readonly #discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  readonly #auth: Pick<AuthService, 'getPluginRequestToken'>;
  readonly #fetch: typeof fetch;

  constructor(options: {
    discovery: Pick<DiscoveryService, 'getBaseUrl'>;
    auth: Pick<AuthService, 'getPluginRequestToken'>;
    /** Node's fetch unless given (tests, whose global fetch is blocked). */
    fetch?: typeof fetch;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  request(body: ApprovalRequestDto, credentials: BackstageCredentials) {
    return this.#call<ApprovalRequestResponse>(
      'POST',
      '/approvals',
      credentials,
      body,
    );
  }

  async get(id: string, credentials: BackstageCredentials) {
    return (
      await this.#call<ApprovalResponse>('GET', this.#path(id), credentials)
    ).approval;
  }

  async start(id: string, taskId: string, credentials: BackstageCredentials) {
    return (
      await this.#call<ApprovalResponse>(
        'POST',
        this.#path(id, 'start'),
        credentials,
        { taskId },
      )
    ).approval;
  }

  async finish(
    id: string,
    body: ApprovalFinishRequest,
    credentials: BackstageCredentials,
  ) {
    return (
      await this.#call<ApprovalResponse>(
        'POST',
        this.#path(id, 'finish'),
        credentials,
        body,
      )
    ).approval;
  }

  async withdraw(id: string, credentials: BackstageCredentials) {
    return (
      await this.#call<ApprovalResponse>(
        'POST',
        this.#path(id, 'withdraw'),
        credentials,
        {},
      )
    ).approval;
  }

  #path(id: string, step?: string) {
    return `/approvals/${encodeURIComponent(id)}${step ? `/${step}` : ''}`;
  }

  async #call<T>(
    method: 'GET' | 'POST',
    path: string,
    credentials: BackstageCredentials,
    body?: object,
  ): Promise<T> {
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: METAL3_PLUGIN_ID,
    });
    const baseUrl = await this.#discovery.getBaseUrl(METAL3_PLUGIN_ID);
    const response = await this.#fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body && { 'content-type': 'application/json' }),
      },
      ...(body && { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw callerError(await ResponseError.fromResponse(response));
    return (await response.json()) as T;
  }
}

/**
 * The metal3 backend's refusal as the task reports it: its own message
 * (which names the cause: "already requested by …", "You are not allowed
 * to …") and the matching Backstage error, so the scaffolder shows the
 * reason rather than "Request failed with 409".
 */
function callerError(error: ResponseError): Error {
  const message = error.body?.error?.message || error.message;
  switch (error.statusCode) {
    case 400:
      return new InputError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new Error(
        `The metal3 backend answered ${error.statusCode}: ${message}`,
      );
  }
}
