import type {
  ApprovalKind,
  ApprovalTargetType,
} from '../approvals/approvalKinds';
import { ObjectRefDto } from './common';

/**
 * Where an approval stands. `pending` until someone decides or it expires;
 * `approved` → `running` → `succeeded` or `failed` once approved (the
 * operation runs exactly once); `rejected`, `expired` and `withdrawn` (by its
 * requester) run nothing.
 *
 * @public
 */
export type ApprovalState =
  | 'pending'
  | 'approved'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'expired'
  | 'withdrawn';

/**
 * The requester's parameters, run as given once approved: only the fields of
 * the approval's kind are set.
 *
 * @public
 */
export interface ApprovalParametersDto {
  /** scale-down: the pool's new size. */
  replicas?: number;
  /** scale-down: the change (negative). */
  delta?: number;
  /** pool-upgrade: the new image. */
  imageUrl?: string;
  /** pool-upgrade: the new Kubernetes version. */
  kubernetesVersion?: string;
  /** pool-upgrade: the new Metal3MachineTemplate's name, when given. */
  templateName?: string;
  /** remove-from-pool through the template: the host is decommissioned after. */
  decommission?: boolean;
}

/** A pod a drain (or a power-off) of the host's node would evict. @public */
export interface ImpactPodDto {
  namespace: string;
  name: string;
  /** Kind/name of its controller, when it has one. */
  owner?: string;
}

/**
 * A Machine a scale-down may delete, and why it comes first: `deleting`
 * (already being deleted), `marked` (cluster.x-k8s.io/delete-machine),
 * `unhealthy` (no Ready node), `newest`/`oldest` (the pool's deletion
 * order), `candidate` (Random order: one of several that may go).
 *
 * @public
 */
export interface ImpactMachineDto {
  name: string;
  host?: string;
  node?: string;
  why: 'deleting' | 'marked' | 'unhealthy' | 'newest' | 'oldest' | 'candidate';
}

/** What a pool upgrade changes, and how many machines it replaces. @public */
export interface ImpactRolloutDto {
  fromTemplate: string;
  /** Named when the request names it; otherwise the next `-vN`. */
  toTemplate?: string;
  fromImage?: string;
  toImage?: string;
  fromVersion?: string;
  toVersion?: string;
  /** Machines CAPI replaces (every machine not on the new template). */
  machines: number;
  maxSurge?: string;
  maxUnavailable?: string;
}

/**
 * What the operation would do, computed when it was requested: the
 * workloads a drain or power-off evicts, the machines a scale-down may pick,
 * the change an upgrade rolls out.
 *
 * @public
 */
export interface ApprovalImpactDto {
  /** One line for people. */
  summary: string;
  /** The host's node, when it runs one. */
  node?: string;
  /** Pods the node would lose (at most 50 listed; `podCount` is all). */
  pods?: ImpactPodDto[];
  podCount?: number;
  /** scale-down: the pool's deletion order and the machines it may pick. */
  deletionOrder?: 'Random' | 'Newest' | 'Oldest';
  /** scale-down: how many machines go. */
  removing?: number;
  machines?: ImpactMachineDto[];
  rollout?: ImpactRolloutDto;
  /** What could not be known, or makes the prediction uncertain. */
  warnings: string[];
}

/**
 * Whether the caller may decide this approval, and if not, why (the
 * requester never may; nor may anyone without `metal3.approval.decide`).
 *
 * @public
 */
export interface ApprovalViewerDto {
  mayDecide: boolean;
  reason?: string;
}

/** A risky operation waiting for (or past) a second person's decision. @public */
export interface ApprovalDto {
  id: string;
  kind: ApprovalKind;
  /** "Power off worker-3", for lists and titles. */
  title: string;
  targetType: ApprovalTargetType;
  target: ObjectRefDto;
  parameters: ApprovalParametersDto;
  /** Entity ref of the person who asked (or `service:<subject>`). */
  requestedBy: string;
  requestedAt: string;
  /** When a pending request expires, running nothing. */
  expiresAt: string;
  /** `api`: runs in the backend when approved; `task`: a scaffolder task waits for it and runs it. */
  via: 'api' | 'task';
  taskId?: string;
  impact: ApprovalImpactDto;
  state: ApprovalState;
  decidedBy?: string;
  decidedAt?: string;
  /** The decider's comment (a rejection's reason). */
  comment?: string;
  startedAt?: string;
  finishedAt?: string;
  /** What the operation answered, once it ran. */
  result?: string;
  error?: string;
  /** The approval's page in the portal. */
  link: string;
  viewer: ApprovalViewerDto;
}

/** `GET /approvals/{id}`, a decision, and a request that now waits for approval (202). @public */
export interface ApprovalResponse {
  approval: ApprovalDto;
}

/** `GET /approvals`, newest first. @public */
export interface ApprovalListResponse {
  items: ApprovalDto[];
}

/** The query of `GET /approvals`. @public */
export interface ApprovalListQuery {
  /** Repeat to match any; all states when absent. */
  state?: ApprovalState[];
  /** Only approvals about this object (all three together). */
  cluster?: string;
  namespace?: string;
  name?: string;
}

/**
 * `POST /approvals`: a template action asks before it acts. The caller's
 * permission for the operation is checked now; `taskId` lets a retried task
 * find its own request again.
 *
 * @public
 */
export interface ApprovalRequestDto {
  kind: ApprovalKind;
  target: ObjectRefDto;
  parameters: ApprovalParametersDto;
  taskId: string;
}

/**
 * The answer to `POST /approvals`: `required: false` when the operation
 * may go ahead at once (the kind is not in `metal3.approvals.required`, or
 * it is not risky here, e.g. a scale-up); otherwise the pending approval.
 *
 * @public
 */
export interface ApprovalRequestResponse {
  required: boolean;
  message: string;
  approval?: ApprovalDto;
}

/** Body of approve and reject. @public */
export interface ApprovalDecisionRequest {
  comment?: string;
}

/** `POST /approvals/{id}/start`: the waiting task claims the approved run. @public */
export interface ApprovalStartRequest {
  taskId: string;
}

/** `POST /approvals/{id}/finish`: the task reports how the run ended. @public */
export interface ApprovalFinishRequest {
  taskId: string;
  outcome: 'succeeded' | 'failed';
  message: string;
}
