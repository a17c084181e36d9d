import { identityFromHostId } from './identityFromHostId';
import { loadMockup } from './mockupTree';

describe('identityFromHostId', () => {
  const tree = loadMockup('dmtf-public-rackmount1');

  it('gives one locally administered MAC per EthernetInterface of the system', () => {
    const { macs } = identityFromHostId('h', tree);
    expect(macs).toHaveLength(4);
    for (const mac of macs) expect(mac).toMatch(/^02(:[0-9a-f]{2}){5}$/);
    expect(new Set(macs).size).toBe(4);
  });

  it('is stable per id and differs between ids', () => {
    expect(identityFromHostId('h', tree)).toEqual(
      identityFromHostId('h', tree),
    );
    const a = identityFromHostId('h1', tree);
    const b = identityFromHostId('h2', tree);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(a.uuid).not.toBe(b.uuid);
    expect(a.uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('has no MACs for a system without NICs (bladed)', () => {
    expect(
      identityFromHostId('h', loadMockup('dmtf-public-bladed')).macs,
    ).toEqual([]);
  });
});
