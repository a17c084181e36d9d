import { ApprovalResponse } from './approvals';
import { ObjectRefDto } from './common';

/** The host operations of `POST /hosts/{cluster}/{namespace}/{name}/actions/{action}`. @public */
export type HostAction =
  | 'power-on'
  | 'power-off'
  | 'reboot'
  | 'inspect'
  | 'detach'
  | 'attach'
  | 'maintenance-on'
  | 'maintenance-off'
  | 'remove-from-pool';

/** Body of a host action (optional). @public */
export interface HostActionRequest {
  /** `reboot` only; `soft` when absent. */
  mode?: 'soft' | 'hard';
}

/**
 * A host action done at once (200). `changed: false` when the host already
 * was so, or an identical request got there first.
 *
 * @public
 */
export interface HostActionChanged {
  changed: boolean;
  message: string;
}

/** A long host action (maintenance drains), to follow with `GET /operations/{id}`. @public */
export interface OperationDto {
  id: string;
  action: string;
  target: ObjectRefDto;
  state: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt?: string;
  /** Progress lines, oldest first. */
  log: { at: string; message: string }[];
  result?: string;
  error?: string;
}

/** `GET /operations/{id}`, and a host action started in the background (202). @public */
export interface OperationResponse {
  operation: OperationDto;
}

/**
 * A host action answered 202: a background operation to follow, or a
 * pending approval (metal3.approvals.required) that runs once another
 * person approves it.
 *
 * @public
 */
export type HostActionAccepted = OperationResponse | ApprovalResponse;

/** The answer to a host action: done at once, a tracked background operation, or waiting for approval. @public */
export type HostActionResult = HostActionChanged | HostActionAccepted;
