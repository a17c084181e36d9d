import type { BmcSystemDto } from '@metal3-fleet/plugin-metal3-common';
import { field, parseKeyValues } from './keyValue';

/** The identity fields of one FRU device (`fru print`). */
export interface IpmiFru {
  description?: string;
  chassisType?: string;
  chassisPartNumber?: string;
  chassisSerial?: string;
  boardMfgDate?: string;
  boardManufacturer?: string;
  boardProduct?: string;
  boardSerial?: string;
  boardPartNumber?: string;
  productManufacturer?: string;
  productName?: string;
  productPartNumber?: string;
  productVersion?: string;
  productSerial?: string;
  productAssetTag?: string;
}

// Filler that board vendors leave in unprogrammed FRU fields (AMI, Supermicro).
const PLACEHOLDERS = [
  /^to be filled by o\.?e\.?m\.?$/i,
  /^default string$/i,
  /^not (specified|available|applicable)$/i,
  /^(none|n\/a|na|unknown|empty|0+|0123456789)$/i,
  /^\.+$/,
];

function real(value: string | undefined): string | undefined {
  return value && !PLACEHOLDERS.some(p => p.test(value)) ? value : undefined;
}

/**
 * `fru print` -> one entry per FRU device. Each device starts with
 * `FRU Device Description : …` (except in `fru print <id>`); devices that
 * are not present print a sentence without a colon and come out with only
 * a description.
 */
export function parseFruPrint(text: string): IpmiFru[] {
  // `fru print 0` prints one device without the description line.
  const sections = /^FRU Device Description\s*:/m.test(text)
    ? text
        .split(/^(?=FRU Device Description\s*:)/m)
        .filter(s => /^FRU Device Description\s*:/.test(s))
    : [text].filter(s => s.includes(':'));
  return sections.map(section => {
    const fields = parseKeyValues(section);
    const get = (key: string) => real(field(fields, key));
    return {
      description: field(fields, 'FRU Device Description'),
      chassisType: get('Chassis Type'),
      chassisPartNumber: get('Chassis Part Number'),
      chassisSerial: get('Chassis Serial'),
      boardMfgDate: get('Board Mfg Date'),
      boardManufacturer: get('Board Mfg'),
      boardProduct: get('Board Product'),
      boardSerial: get('Board Serial'),
      boardPartNumber: get('Board Part Number'),
      productManufacturer: get('Product Manufacturer'),
      productName: get('Product Name'),
      productPartNumber: get('Product Part Number'),
      productVersion: get('Product Version'),
      productSerial: get('Product Serial'),
      productAssetTag: get('Product Asset Tag'),
    };
  });
}

/**
 * The system's identity from its FRU: the product area describes the
 * server as sold, the board and chassis areas fill what it leaves out.
 */
export function systemFromFru(fru: IpmiFru | undefined): BmcSystemDto {
  if (!fru) return {};
  const system: BmcSystemDto = {
    manufacturer: fru.productManufacturer ?? fru.boardManufacturer,
    model: fru.productName ?? fru.boardProduct,
    serialNumber: fru.productSerial ?? fru.chassisSerial ?? fru.boardSerial,
    sku: fru.productPartNumber ?? fru.boardPartNumber,
  };
  return Object.fromEntries(
    Object.entries(system).filter(([, v]) => v !== undefined),
  ) as BmcSystemDto;
}
