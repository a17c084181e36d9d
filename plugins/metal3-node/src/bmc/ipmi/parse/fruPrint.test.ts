import { transcript } from '../__fixtures__/transcript';
import { parseFruPrint, systemFromFru } from './fruPrint';

describe('parseFruPrint', () => {
  it('reads every field of the captured builtin FRU', () => {
    expect(parseFruPrint(transcript('fru-print.txt'))).toEqual([
      {
        description: 'Builtin FRU Device (ID 0)',
        chassisType: 'Rack Mount Chassis',
        chassisPartNumber: 'CHS-PN-0001',
        chassisSerial: 'CHS-SN-0001',
        boardMfgDate: 'Wed May 17 12:00:00 2023 UTC',
        boardManufacturer: 'Example Mfg',
        boardProduct: 'EXB-100 Mainboard',
        boardSerial: 'BRD-SN-12345',
        boardPartNumber: 'BRD-PN-100',
        productManufacturer: 'Example Systems',
        productName: 'ExampleServer 1U',
        productPartNumber: 'ES1U-A',
        productVersion: '1.0',
        productSerial: 'PRD-SN-98765',
        productAssetTag: 'ASSET-0042',
      },
    ]);
  });

  it('reads `fru print 0`, which has no description line', () => {
    const single = transcript('fru-print.txt').replace(/^FRU Device.*\n/, '');
    const [fru] = parseFruPrint(single);
    expect(fru.description).toBeUndefined();
    expect(fru.productSerial).toBe('PRD-SN-98765');
    expect(parseFruPrint('')).toEqual([]);
  });

  it('maps the product area to the system identity', () => {
    const [fru] = parseFruPrint(transcript('fru-print.txt'));
    expect(systemFromFru(fru)).toEqual({
      manufacturer: 'Example Systems',
      model: 'ExampleServer 1U',
      serialNumber: 'PRD-SN-98765',
      sku: 'ES1U-A',
    });
  });

  it('falls back to board fields, drops vendor filler, and keeps absent FRUs apart', () => {
    const text = [
      'FRU Device Description : Builtin FRU Device (ID 0)',
      ' Board Mfg             : Supermicro',
      ' Board Product         : X11DPi-N',
      ' Board Serial          : ZM12345',
      ' Product Manufacturer  : To be filled by O.E.M.',
      ' Product Serial        : 0123456789',
      '',
      'FRU Device Description : PSU1 (ID 3)',
      ' Device not present (Requested sensor, data, or record not found)',
      '',
    ].join('\n');
    const frus = parseFruPrint(text);
    expect(frus).toHaveLength(2);
    expect(frus[1].description).toBe('PSU1 (ID 3)');
    expect(systemFromFru(frus[0])).toEqual({
      manufacturer: 'Supermicro',
      model: 'X11DPi-N',
      serialNumber: 'ZM12345',
    });
    expect(systemFromFru(undefined)).toEqual({});
  });
});
