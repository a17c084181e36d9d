import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { readNotificationSettings } from './notificationSettings';
import { TaskFacts, TaskNotifier } from './TaskNotifier';

const REMOVE_HOST: TaskFacts = {
  templateRef: 'template:default/metal3-remove-host',
  templateTitle: 'Remove a host from its pool',
  createdBy: 'user:default/alice',
};

/** The end of a template task as the scaffolder publishes it (topic scaffolder.task). */
const ended = (id: string, status: string) => ({
  topic: 'scaffolder.task',
  eventPayload: { id, status, createdBy: 'user:default/alice' },
});

describe('TaskNotifier', () => {
  function notifier(tasks: Record<string, TaskFacts>, config: object = {}) {
    const sent: NotificationSendOptions[] = [];
    const claims = new Set<string>();
    const subscribed: string[][] = [];
    const taskNotifier = new TaskNotifier({
      events: {
        publish: async () => {},
        subscribe: async options => {
          subscribed.push(options.topics);
        },
      },
      store: {
        claimOnce: async key => !claims.has(key) && Boolean(claims.add(key)),
        unclaim: async key => {
          claims.delete(key);
        },
      },
      notifications: { send: async options => void sent.push(options) },
      settings: readNotificationSettings(
        new ConfigReader({ metal3: { notifications: config } }),
      ),
      logger: mockServices.logger.mock(),
      readTask: async id => tasks[id],
    });
    return { taskNotifier, sent, subscribed };
  }

  it('subscribes to the scaffolder’s task events', async () => {
    const { taskNotifier, subscribed } = notifier({});
    await taskNotifier.start();
    expect(subscribed).toEqual([['scaffolder.task']]);
  });

  it('tells the starter that an operation template’s task ended, once however often the event comes', async () => {
    const { taskNotifier, sent } = notifier({ t1: REMOVE_HOST });
    await taskNotifier.onEvent(ended('t1', 'processing'));
    await taskNotifier.onEvent(ended('t1', 'failed'));
    await taskNotifier.onEvent(ended('t1', 'failed'));
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'user:default/alice' },
        payload: {
          title: 'Remove a host from its pool failed',
          description: 'Open the task for its log and output.',
          link: '/create/tasks/t1',
          severity: 'high',
          topic: 'metal3-operation',
          scope: 'metal3:task:t1',
        },
      },
    ]);
  });

  it('reads the task of a cancel request from its taskId', async () => {
    const { taskNotifier, sent } = notifier({ t2: REMOVE_HOST });
    await taskNotifier.onEvent({
      topic: 'scaffolder.task',
      eventPayload: { id: 'event-17', taskId: 't2', status: 'cancelled' },
    });
    expect(sent.map(s => [s.payload.title, s.payload.severity])).toEqual([
      ['Remove a host from its pool was cancelled', 'low'],
    ]);
  });

  it('ignores other templates, and all of them when operationFinished is switched off', async () => {
    const other = notifier({
      t3: { ...REMOVE_HOST, templateRef: 'template:default/create-react-app' },
    });
    await other.taskNotifier.onEvent(ended('t3', 'completed'));
    expect(other.sent).toEqual([]);
    const off = notifier(
      { t4: REMOVE_HOST },
      { operationFinished: { enabled: false } },
    );
    await off.taskNotifier.onEvent(ended('t4', 'completed'));
    expect(off.sent).toEqual([]);
  });

  it('sends to the configured templates only', async () => {
    const { taskNotifier, sent } = notifier(
      {
        t5: { ...REMOVE_HOST, templateRef: 'template:default/scale-pool' },
        t6: REMOVE_HOST,
      },
      { operationFinished: { templates: ['template:default/scale-pool'] } },
    );
    await taskNotifier.onEvent(ended('t5', 'completed'));
    await taskNotifier.onEvent(ended('t6', 'completed'));
    expect(sent.map(s => s.payload.scope)).toEqual(['metal3:task:t5']);
  });
});
