import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { fleetPagePath } from '@metal3-fleet/plugin-metal3-node';
import {
  FleetCondition,
  FleetEventKind,
  FleetSubject,
} from '../fleetEvents/types';
import { NotificationSettings } from './notificationSettings';

/**
 * Severity per kind: an error and a started remediation are a host down or
 * going down; a degraded pool runs short of capacity; a stuck host is late,
 * not yet broken.
 */
const SEVERITY: Record<FleetEventKind, NotificationSeverity> = {
  hostError: 'high',
  remediationStarted: 'high',
  poolDegraded: 'high',
  hostStuck: 'normal',
};

/** The topic users can mute in their notification settings, one per kind. */
export const TOPICS: Record<FleetEventKind | 'operationFinished', string> = {
  hostError: 'metal3-host-error',
  hostStuck: 'metal3-host-stuck',
  remediationStarted: 'metal3-remediation',
  poolDegraded: 'metal3-pool-degraded',
  operationFinished: 'metal3-operation',
};

/** The portal page of a host or pool. */
export function subjectLink(
  subject: FleetSubject,
  settings: Pick<NotificationSettings, 'fleetPath'>,
): string {
  return fleetPagePath(
    settings.fleetPath,
    subject.type === 'host' ? 'hosts' : 'pools',
    subject,
  );
}

const where = (s: FleetSubject) => `${s.name} (${s.cluster}/${s.namespace})`;

function title(condition: FleetCondition): string {
  const { subject } = condition;
  switch (condition.kind) {
    case 'hostError':
      return `${where(subject)}: ${condition.label}`;
    case 'hostStuck':
      return `${where(subject)}: ${condition.label}`;
    case 'remediationStarted':
      return `Remediation started: ${where(subject)}`;
    case 'poolDegraded':
      return `Pool ${where(subject)}: ${condition.label}`;
    default:
      return where(subject);
  }
}

/**
 * The notification of a condition that entered, to the owners of its host
 * or pool: the entity ref (the notifications backend resolves its catalog
 * owner, groups to their members) and the owner the catalog module derives,
 * for a subject not in the catalog yet. The scope is per kind and subject,
 * so a repeat (a retry, a host failing again) updates the one notification
 * rather than adding another. Pure.
 */
export function conditionNotification(
  condition: FleetCondition,
  settings: Pick<NotificationSettings, 'fleetPath'>,
): NotificationSendOptions {
  const description = condition.fix
    ? `${condition.message} What to do: ${condition.fix}`
    : condition.message;
  return {
    recipients: {
      type: 'entity',
      entityRef: [...new Set([condition.entityRef, ...condition.owners])],
    },
    payload: {
      title: title(condition),
      description,
      link: subjectLink(condition.subject, settings),
      severity: SEVERITY[condition.kind],
      topic: TOPICS[condition.kind],
      scope: `metal3:${condition.key.replace(' ', ':')}`,
    },
  };
}

/** A long operation of the plugin's database (maintenance drain) that ended. */
export interface FinishedOperation {
  id: string;
  action: string;
  target: { cluster: string; namespace: string; name: string };
  state: 'succeeded' | 'failed';
  startedBy: string;
  result?: string;
  error?: string;
}

const ACTION_TITLES: Record<string, string> = {
  'maintenance-on': 'Maintenance (cordon and drain)',
};

/** The notification to the user who started an operation that ended. Pure. */
export function operationNotification(
  operation: FinishedOperation,
  settings: Pick<NotificationSettings, 'fleetPath'>,
): NotificationSendOptions {
  const what = ACTION_TITLES[operation.action] ?? operation.action;
  const ok = operation.state === 'succeeded';
  const subject: FleetSubject = { type: 'host', ...operation.target };
  return {
    recipients: { type: 'entity', entityRef: operation.startedBy },
    payload: {
      title: `${what} of ${where(subject)} ${ok ? 'finished' : 'failed'}`,
      description: (ok ? operation.result : operation.error) ?? '',
      link: subjectLink(subject, settings),
      severity: ok ? 'normal' : 'high',
      topic: TOPICS.operationFinished,
      scope: `metal3:operation:${operation.id}`,
    },
  };
}

/** A scaffolder task of one of the operation templates that ended. */
export interface FinishedTask {
  id: string;
  status: 'completed' | 'failed' | 'cancelled';
  createdBy: string;
  templateTitle: string;
}

const TASK_OUTCOMES: Record<
  FinishedTask['status'],
  { word: string; severity: NotificationSeverity }
> = {
  completed: { word: 'finished', severity: 'normal' },
  failed: { word: 'failed', severity: 'high' },
  cancelled: { word: 'was cancelled', severity: 'low' },
};

/** The notification to the user who started a template task that ended. Pure. */
export function taskNotification(
  task: FinishedTask,
  settings: Pick<NotificationSettings, 'tasksPath'>,
): NotificationSendOptions {
  const outcome = TASK_OUTCOMES[task.status];
  return {
    recipients: { type: 'entity', entityRef: task.createdBy },
    payload: {
      title: `${task.templateTitle} ${outcome.word}`,
      description: 'Open the task for its log and output.',
      link: `${settings.tasksPath}/${task.id}`,
      severity: outcome.severity,
      topic: TOPICS.operationFinished,
      scope: `metal3:task:${task.id}`,
    },
  };
}
