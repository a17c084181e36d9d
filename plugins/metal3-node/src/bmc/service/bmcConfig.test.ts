import { ConfigReader } from '@backstage/config';
import { readBmcSettings } from './bmcConfig';

const settings = (bmc: object) =>
  readBmcSettings(new ConfigReader({ metal3: { bmc } }));

describe('readBmcSettings', () => {
  it('caps Redfish response bodies at 8 MiB unless metal3.bmc.maxResponseBytes says otherwise', () => {
    expect(settings({}).maxResponseBytes).toBe(8 * 1024 * 1024);
    expect(settings({ maxResponseBytes: 65536 }).maxResponseBytes).toBe(65536);
    expect(() => settings({ maxResponseBytes: 0 })).toThrow(
      'metal3.bmc.maxResponseBytes: must be a positive number, got 0',
    );
  });
});
