import type { BmcFirmwareDto } from '@metal3-fleet/plugin-metal3-common';
import { field, parseKeyValues } from './keyValue';

/** The BMC's identity (`mc info`, IPMI "Get Device ID"). */
export interface IpmiMcInfo {
  firmwareRevision?: string;
  ipmiVersion?: string;
  manufacturerId?: string;
  manufacturerName?: string;
  productId?: string;
  productName?: string;
}

export function parseMcInfo(text: string): IpmiMcInfo {
  const fields = parseKeyValues(text);
  return {
    firmwareRevision: field(fields, 'Firmware Revision'),
    ipmiVersion: field(fields, 'IPMI Version'),
    manufacturerId: field(fields, 'Manufacturer ID'),
    manufacturerName: field(fields, 'Manufacturer Name'),
    productId: field(fields, 'Product ID'),
    productName: field(fields, 'Product Name'),
  };
}

/**
 * The BMC firmware as the one firmware entry IPMI can report: host BIOS
 * and device firmware versions are not part of standard IPMI.
 */
export function firmwareFromMcInfo(info: IpmiMcInfo): BmcFirmwareDto[] {
  if (!info.firmwareRevision) return [];
  return [{ name: 'BMC firmware', version: info.firmwareRevision }];
}
