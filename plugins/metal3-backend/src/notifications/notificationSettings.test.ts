import { ConfigReader } from '@backstage/config';
import { readFleetEventSettings } from '../fleetEvents/fleetEventSettings';
import { readMetricsSettings } from '../metrics/metricsSettings';
import {
  DEFAULT_OPERATION_TEMPLATES,
  readNotificationSettings,
} from './notificationSettings';

const config = (metal3: object) => new ConfigReader({ metal3 });

describe('reading metal3.notifications, metal3.fleetEvents and metal3.metrics', () => {
  it('switches every kind on by default, each off by its own key or all by one', () => {
    expect(readNotificationSettings(config({}))).toEqual({
      enabled: {
        hostError: true,
        hostStuck: true,
        remediationStarted: true,
        poolDegraded: true,
        operationFinished: true,
      },
      operationTemplates: DEFAULT_OPERATION_TEMPLATES,
      fleetPath: '/metal3',
      tasksPath: '/create/tasks',
    });
    expect(
      readNotificationSettings(
        config({ notifications: { hostStuck: { enabled: false } } }),
      ).enabled,
    ).toMatchObject({ hostStuck: false, hostError: true });
    expect(
      Object.values(
        readNotificationSettings(config({ notifications: { enabled: false } }))
          .enabled,
      ),
    ).toEqual([false, false, false, false, false]);
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readNotificationSettings(
        config({ notifications: { links: { tasks: 'create/tasks' } } }),
      ),
    ).toThrow(/metal3\.notifications\.links\.tasks: must be a path/);
    // Host and pool links follow the fleet page wherever the app mounts it.
    expect(
      readNotificationSettings(config({ fleetPath: '/fleet/' })),
    ).toMatchObject({ fleetPath: '/fleet' });
    expect(() =>
      readNotificationSettings(
        config({
          notifications: { operationFinished: { templates: ['remove-host'] } },
        }),
      ),
    ).toThrow(
      /metal3\.notifications\.operationFinished\.templates: "remove-host"/,
    );
    expect(() =>
      readFleetEventSettings(
        config({ fleetEvents: { stuckSeconds: { provisioned: 5 } } }),
      ),
    ).toThrow(
      /metal3\.fleetEvents\.stuckSeconds\.provisioned: not a transient state/,
    );
    expect(() =>
      readFleetEventSettings(
        config({ fleetEvents: { poolDegradedSeconds: 0 } }),
      ),
    ).toThrow(/metal3\.fleetEvents\.poolDegradedSeconds: must be a positive/);
    expect(() =>
      readMetricsSettings(config({ metrics: { maxHostSeries: -1 } })),
    ).toThrow(/metal3\.metrics\.maxHostSeries/);
  });

  it('overrides the stuck limit of one state and keeps the others', () => {
    const settings = readFleetEventSettings(
      config({ fleetEvents: { stuckSeconds: { inspecting: 3600 } } }),
    );
    expect(settings.stuckSeconds).toMatchObject({
      inspecting: 3600,
      registering: 300,
    });
    expect(settings.poolDegradedMs).toBe(45 * 60_000);
  });
});
