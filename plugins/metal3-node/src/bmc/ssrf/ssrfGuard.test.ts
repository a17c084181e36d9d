import { ConfigReader } from '@backstage/config';
import {
  LOOPBACK_SPELLINGS,
  OTHER_REFUSED_SPELLINGS,
  testLookup,
} from './__testUtils__/refusedSpellings';
import { ssrfGuardFromConfig } from './guardFromConfig';
import { createSsrfGuard } from './ssrfGuard';

const resolver = (table: Record<string, string[]>) => async (host: string) => {
  const answers = table[host];
  if (!answers)
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return answers.map(address => ({
    address,
    family: address.includes(':') ? 6 : 4,
  }));
};

/** The lab's settings (app-config.yaml): loopback allowed, BMCs in 127.100.0.0/16. */
const labGuard = () =>
  createSsrfGuard({
    allow: ['loopback'],
    allowedNetworks: ['127.100.0.0/16'],
    lookup: testLookup,
  });

describe('createSsrfGuard', () => {
  describe('with no settings (the production default)', () => {
    const guard = createSsrfGuard({ lookup: testLookup });

    it.each([...LOOPBACK_SPELLINGS, ...OTHER_REFUSED_SPELLINGS])(
      'refuses %s',
      async (host, reason) => {
        const verdict = await guard(host);
        expect(verdict.ok).toBe(false);
        expect(!verdict.ok && verdict.message).toMatch(reason);
      },
    );

    it.each([
      ['10.20.30.40', '10.20.30.40', 4],
      ['[fd12:3456::1]', 'fd12:3456::1', 6],
      ['[FD12:3456:0:0:0:0:0:1]', 'fd12:3456::1', 6],
      // a mapped routable address is connected to as the IPv4 address it is
      ['[::ffff:10.20.30.40]', '10.20.30.40', 4],
      ['[::ffff:a14:1e28]', '10.20.30.40', 4],
      // NAT64 of a routable address is a routable address
      ['[64:ff9b::a14:1e28]', '64:ff9b::a14:1e28', 6],
      ['[2002:a14:1e28::1]', '2002:a14:1e28::1', 6],
    ])('allows %s and connects to %s', async (host, address, family) => {
      expect(await guard(host)).toEqual({ ok: true, address, family });
    });
  });

  describe('with the lab settings', () => {
    it('admits the lab BMC network, also through its IPv4-mapped spelling', async () => {
      const guard = labGuard();
      for (const host of [
        '127.100.250.1',
        '[::ffff:127.100.250.1]',
        '[::ffff:7f64:fa01]',
      ]) {
        expect(await guard(host)).toEqual({
          ok: true,
          address: '127.100.250.1',
          family: 4,
        });
      }
    });

    it.each([
      // outside the allowed network, whatever the spelling
      ['127.0.0.1', /outside metal3\.bmc\.allowedNetworks/],
      ['[::ffff:7f00:1]', /resolves to 127\.0\.0\.1.*outside metal3\.bmc/],
      ['2130706433', /non-standard spelling/],
      // a translator is not loopback: allow: [loopback] does not reach through it
      ['[64:ff9b::7f64:fa01]', /loopback: carries 127\.100\.250\.1, NAT64/],
      ['[2002:7f64:fa01::]', /loopback: carries 127\.100\.250\.1, 6to4/],
      ['[::7f64:fa01]', /loopback: carries 127\.100\.250\.1, IPv4-compat/],
      ['169.254.169.254', /\(cloud metadata\)/],
    ])('refuses %s', async (host, reason) => {
      const verdict = await labGuard()(host);
      expect(verdict.ok).toBe(false);
      expect(!verdict.ok && verdict.message).toMatch(reason);
    });
  });

  it('keeps to the allowed networks when they are configured', async () => {
    const guard = createSsrfGuard({ allowedNetworks: ['10.20.0.0/16'] });
    expect((await guard('10.20.1.1')).ok).toBe(true);
    expect(await guard('10.21.1.1')).toEqual({
      ok: false,
      message:
        'BMC host 10.21.1.1 resolves to 10.21.1.1, which is refused (outside metal3.bmc.allowedNetworks)',
    });
    // NAT64 is another network: listing the IPv4 network does not admit it.
    expect((await guard('[64:ff9b::a14:101]')).ok).toBe(false);
  });

  it('allows link-local when the operator says so, never a metadata endpoint', async () => {
    const guard = createSsrfGuard({ allow: ['loopback', 'link-local'] });
    expect((await guard('169.254.1.1')).ok).toBe(true);
    expect((await guard('[fe80::1]')).ok).toBe(true);
    for (const metadata of [
      '169.254.169.254',
      '[::ffff:a9fe:a9fe]',
      '[fe80::a9fe:a9fe]',
      '169.254.170.2',
    ]) {
      const verdict = await guard(metadata);
      expect(!verdict.ok && verdict.message).toMatch(/\(cloud metadata\)/);
    }
  });

  it('resolves a name once, refuses it when any answer is refused, and returns a checked literal', async () => {
    const guard = createSsrfGuard({
      lookup: resolver({
        'bmc.rack1.example': ['10.1.1.5'],
        'evil.example': ['10.1.1.6', '169.254.169.254'],
        'mapped.example': ['::ffff:7f00:1'],
        'v6.example': ['FD00:0:0:0:0:0:0:7'],
      }),
    });
    expect(await guard('bmc.rack1.example')).toEqual({
      ok: true,
      address: '10.1.1.5',
      family: 4,
    });
    expect(await guard('v6.example')).toEqual({
      ok: true,
      address: 'fd00::7',
      family: 6,
    });
    expect(await guard('evil.example')).toEqual({
      ok: false,
      message:
        'BMC host evil.example resolves to 169.254.169.254, which is refused (cloud metadata)',
    });
    expect(await guard('mapped.example')).toEqual({
      ok: false,
      message:
        'BMC host mapped.example resolves to 127.0.0.1, which is refused (loopback)',
    });
    expect(await guard('missing.example')).toEqual({
      ok: false,
      message: 'BMC host missing.example does not resolve (ENOTFOUND)',
    });
  });
});

describe('ssrfGuardFromConfig', () => {
  it('reads metal3.bmc and names a bad entry', async () => {
    const guard = ssrfGuardFromConfig(
      new ConfigReader({
        metal3: {
          lab: { enabled: true },
          bmc: { allow: ['loopback'], allowedNetworks: ['127.100.0.0/16'] },
        },
      }),
    );
    expect((await guard('127.100.0.7')).ok).toBe(true);
    expect((await guard('127.0.0.1')).ok).toBe(false);
    const bad = (allowedNetworks: string[]) => () =>
      ssrfGuardFromConfig(
        new ConfigReader({ metal3: { bmc: { allowedNetworks } } }),
      );
    expect(bad(['10.0.0.0/8', 'nope'])).toThrow(
      'metal3.bmc.allowedNetworks[1]: "nope" is not an IP network (CIDR)',
    );
    expect(bad(['10.0.0.0/33'])).toThrow(
      'metal3.bmc.allowedNetworks[0]: "10.0.0.0/33": the prefix length must be 0 to 32',
    );
    expect(bad(['10.1/16'])).toThrow('"10.1/16" is not an IP network');
    expect(bad(['fd00::/8x'])).toThrow('the prefix length must be 0 to 128');
    expect(() =>
      ssrfGuardFromConfig(
        new ConfigReader({ metal3: { bmc: { allow: ['metadata'] } } }),
      ),
    ).toThrow(
      'metal3.bmc.allow[0]: "metadata" is not one of loopback, link-local (cloud metadata is never allowed)',
    );
  });

  describe('without the lab (production)', () => {
    const start = (metal3: object) => () =>
      ssrfGuardFromConfig(new ConfigReader({ metal3 }));

    it('refuses to start without allowedNetworks, naming the key', () => {
      expect(start({})).toThrow(
        'metal3.bmc.allowedNetworks is required when the lab is off',
      );
      expect(start({ lab: { enabled: false }, bmc: {} })).toThrow(
        'metal3.bmc.allowedNetworks is required',
      );
    });

    it('never allows loopback, by category or by network', () => {
      expect(
        start({
          bmc: { allow: ['loopback'], allowedNetworks: ['10.0.0.0/8'] },
        }),
      ).toThrow('metal3.bmc.allow[0]: loopback is only allowed with the lab');
      for (const cidr of ['127.100.0.0/16', '0.0.0.0/0', '::1/128', '::/0']) {
        expect(
          start({ bmc: { allowedNetworks: ['10.0.0.0/8', cidr] } }),
        ).toThrow(`metal3.bmc.allowedNetworks[1]: "${cidr}" covers loopback`);
      }
    });

    it('starts with BMC networks and refuses everything else', async () => {
      const guard = ssrfGuardFromConfig(
        new ConfigReader({
          metal3: {
            bmc: { allowedNetworks: ['10.20.0.0/16', 'fd00:b0c::/64'] },
          },
        }),
        async () => [{ address: '10.20.3.4', family: 4 }],
      );
      expect((await guard('10.20.0.9')).ok).toBe(true);
      expect((await guard('bmc-9.example')).ok).toBe(true);
      expect((await guard('10.21.0.9')).ok).toBe(false);
      expect((await guard('127.0.0.1')).ok).toBe(false);
    });

    it('lets a lab in another process (metal3.lab.external) use loopback', () => {
      expect(
        start({
          lab: { external: true },
          bmc: { allow: ['loopback'], allowedNetworks: ['127.100.0.0/16'] },
        }),
      ).not.toThrow();
    });
  });
});
