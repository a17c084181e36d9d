import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotificationSettings } from './notificationSettings';
import { NotificationStore } from './NotificationStore';
import { FinishedTask, taskNotification } from './payloads';

/** What the notifier needs to know of a scaffolder task. */
export interface TaskFacts {
  templateRef?: string;
  templateTitle?: string;
  createdBy?: string;
}

const ENDED = new Set(['completed', 'failed', 'cancelled']);

/**
 * Reads a task from the scaffolder's API with this plugin's own service
 * credentials: the events carry the status and starter, not the template.
 */
export function scaffolderTaskReader(deps: {
  auth: AuthService;
  discovery: DiscoveryService;
}): (taskId: string) => Promise<TaskFacts | undefined> {
  return async taskId => {
    const { token } = await deps.auth.getPluginRequestToken({
      onBehalfOf: await deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const base = await deps.discovery.getBaseUrl('scaffolder');
    const response = await fetch(
      `${base}/v2/tasks/${encodeURIComponent(taskId)}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!response.ok) {
      throw new Error(
        `the scaffolder answered ${response.status} for task ${taskId}`,
      );
    }
    const task = await response.json();
    const info = task?.spec?.templateInfo;
    return {
      templateRef: info?.entityRef,
      templateTitle:
        info?.entity?.metadata?.title ?? info?.entity?.metadata?.name,
      createdBy: task?.createdBy,
    };
  };
}

export interface TaskNotifierOptions {
  events: EventsService;
  store: Pick<NotificationStore, 'claimOnce' | 'unclaim'>;
  notifications: NotificationService;
  settings: NotificationSettings;
  logger: LoggerService;
  readTask: (taskId: string) => Promise<TaskFacts | undefined>;
}

/**
 * Tells the user who started one of the operation templates (remove a host,
 * enroll many, create a pool) that its task ended, however it ended.
 *
 * Why not the scaffolder's own `notification:send` action as a last template
 * step: a step runs only when every step before it succeeded, so a failed
 * removal or enrollment — the outcome the starter most needs to hear of —
 * would notify nobody. The scaffolder publishes every task's end on the
 * events service (topic `scaffolder.task`), on the replica that ran it; this
 * subscriber reads the task's template and sends one notification, claimed
 * in the database so an event delivered twice sends once.
 */
export class TaskNotifier {
  readonly #options: TaskNotifierOptions;

  constructor(options: TaskNotifierOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    await this.#options.events.subscribe({
      id: 'metal3-operation-notifications',
      topics: ['scaffolder.task'],
      onEvent: params => this.onEvent(params),
    });
  }

  async onEvent(params: EventParams): Promise<void> {
    const { settings, logger } = this.#options;
    const event = params.eventPayload as {
      id?: string;
      taskId?: string;
      status?: string;
      createdBy?: string;
    };
    if (!settings.enabled.operationFinished) return;
    if (!event?.status || !ENDED.has(event.status)) return;
    // A cancel request's event carries its own id and the task's as taskId.
    const taskId = event.taskId ?? event.id;
    if (!taskId) return;
    try {
      const facts = await this.#options.readTask(taskId);
      const templateRef = facts?.templateRef?.toLocaleLowerCase('en-US');
      const wanted = settings.operationTemplates.map(t =>
        t.toLocaleLowerCase('en-US'),
      );
      if (!templateRef || !wanted.includes(templateRef)) return;
      const createdBy = facts?.createdBy ?? event.createdBy;
      if (!createdBy?.startsWith('user:')) return;
      const key = `task ${taskId}`;
      if (!(await this.#options.store.claimOnce(key))) return;
      const task: FinishedTask = {
        id: taskId,
        status: event.status as FinishedTask['status'],
        createdBy,
        templateTitle: facts?.templateTitle ?? templateRef,
      };
      try {
        await this.#options.notifications.send(
          taskNotification(task, settings),
        );
      } catch (error) {
        await this.#options.store.unclaim(key);
        throw error;
      }
    } catch (error) {
      logger.warn(
        `Could not notify the end of scaffolder task ${taskId}: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
  }
}
