import { readEvents } from './objectEvents';

const SENTINEL = 'S3ntinel-event-pw';

describe('readEvents', () => {
  it('cuts BMC userinfo out of event messages', async () => {
    const cache = {
      config: { name: 'lab', title: 'lab', authProvider: 'inCluster' as const },
      client: {
        request: async () => ({
          items: [
            {
              type: 'Warning',
              reason: 'RegistrationError',
              message: `Failed to connect to redfish://admin:${SENTINEL}@10.0.0.9/redfish/v1/Systems/1: timeout`,
              involvedObject: { kind: 'BareMetalHost', name: 'h1' },
              lastTimestamp: '2026-03-01T12:00:00Z',
            },
          ],
        }),
      },
    };
    const events = await readEvents(cache as any, [
      { kind: 'BareMetalHost', name: 'h1', namespace: 'metal3' },
    ]);
    expect(events).toEqual([
      expect.objectContaining({
        reason: 'RegistrationError',
        message:
          'Failed to connect to redfish://***@10.0.0.9/redfish/v1/Systems/1: timeout',
      }),
    ]);
  });
});
