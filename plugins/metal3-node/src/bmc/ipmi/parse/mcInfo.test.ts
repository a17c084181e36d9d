import { transcript } from '../__fixtures__/transcript';
import { firmwareFromMcInfo, parseMcInfo } from './mcInfo';

describe('parseMcInfo', () => {
  it('reads the captured device id', () => {
    expect(parseMcInfo(transcript('mc-info.txt'))).toEqual({
      firmwareRevision: '9.08',
      ipmiVersion: '2.0',
      manufacturerId: '4753',
      manufacturerName: 'MontaVista Software, Inc.',
      productId: '3842 (0x0f02)',
      productName: 'Unknown (0xF02)',
    });
  });

  it('reports the firmware revision as the BMC firmware', () => {
    expect(firmwareFromMcInfo(parseMcInfo(transcript('mc-info.txt')))).toEqual([
      { name: 'BMC firmware', version: '9.08' },
    ]);
    expect(firmwareFromMcInfo({})).toEqual([]);
  });
});
