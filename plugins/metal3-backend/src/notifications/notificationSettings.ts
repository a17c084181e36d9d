import { Config } from '@backstage/config';
import { readFleetPath } from '@metal3-fleet/plugin-metal3-node';
import { FLEET_EVENT_KINDS, FleetEventKind } from '../fleetEvents/types';

/** Every kind of notification, each switchable (`metal3.notifications.<kind>.enabled`). */
export const NOTIFICATION_KINDS = [
  ...FLEET_EVENT_KINDS,
  'operationFinished',
] as const;

export type NotificationKind = FleetEventKind | 'operationFinished';

/** The self-service templates whose tasks are long operations (examples/templates). */
export const DEFAULT_OPERATION_TEMPLATES = [
  'template:default/metal3-remove-host',
  'template:default/metal3-enroll-hosts',
  'template:default/metal3-create-pool',
];

/** `metal3.notifications`: see docs/configuration.md. */
export interface NotificationSettings {
  enabled: Record<NotificationKind, boolean>;
  /** Entity refs of the templates whose finished tasks notify their starter. */
  operationTemplates: string[];
  /** Where the app mounts the fleet page (`metal3.fleetPath`; host and pool pages below it). */
  fleetPath: string;
  /** Where the app shows a scaffolder task (`<tasksPath>/<taskId>`). */
  tasksPath: string;
}

function path(config: Config | undefined, key: string, fallback: string) {
  const value = config?.getOptionalString(key) ?? fallback;
  if (!value.startsWith('/')) {
    throw new Error(
      `metal3.notifications.${key}: must be a path of the app starting with "/", not "${value}"`,
    );
  }
  return value.replace(/\/+$/, '');
}

/** Reads `metal3.notifications`; a bad value fails start-up naming the key. */
export function readNotificationSettings(config: Config): NotificationSettings {
  const section = config.getOptionalConfig('metal3.notifications');
  const all = section?.getOptionalBoolean('enabled') ?? true;
  const enabled = Object.fromEntries(
    NOTIFICATION_KINDS.map(kind => [
      kind,
      all && (section?.getOptionalBoolean(`${kind}.enabled`) ?? true),
    ]),
  ) as Record<NotificationKind, boolean>;
  const operationTemplates =
    section?.getOptionalStringArray('operationFinished.templates') ??
    DEFAULT_OPERATION_TEMPLATES;
  for (const ref of operationTemplates) {
    if (!/^template:[^/]+\/.+$/.test(ref)) {
      throw new Error(
        `metal3.notifications.operationFinished.templates: "${ref}" is not a template entity ref (template:<namespace>/<name>)`,
      );
    }
  }
  return {
    enabled,
    operationTemplates,
    fleetPath: readFleetPath(config),
    tasksPath: path(section, 'links.tasks', '/create/tasks'),
  };
}
