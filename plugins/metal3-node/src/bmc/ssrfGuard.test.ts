import { contains, parseNetwork } from './ipNetworks';
import { ConfigReader } from '@backstage/config';
import { createSsrfGuard, ssrfGuardFromConfig } from './ssrfGuard';

const resolver = (table: Record<string, string[]>) => async (host: string) => {
  const answers = table[host];
  if (!answers)
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return answers.map(address => ({
    address,
    family: address.includes(':') ? 6 : 4,
  }));
};

describe('ipNetworks', () => {
  it.each([
    ['10.0.0.0/8', '10.200.3.4', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['192.168.1.0/24', '192.168.1.255', true],
    ['fd00::/8', 'fd12:3456::1', true],
    ['fd00::/8', 'fe80::1', false],
    ['127.0.0.0/8', '::ffff:127.0.0.1', true],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['2001:db8::/32', '2001:db8:0:0:0:0:0:1', true],
  ])('%s contains %s: %s', (cidr, address, expected) => {
    expect(contains(parseNetwork(cidr), address)).toBe(expected);
  });

  it('names a bad network in its error', () => {
    expect(() => parseNetwork('10.0.0.0/33')).toThrow(
      '"10.0.0.0/33": the prefix length must be 0 to 32',
    );
    expect(() => parseNetwork('bmc-net')).toThrow(
      '"bmc-net" is not an IP network (CIDR)',
    );
  });
});

describe('createSsrfGuard', () => {
  it.each([
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['127.0.0.1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
  ])('refuses %s (%s) by default', async (host, reason) => {
    const verdict = await createSsrfGuard()(host);
    expect(verdict).toEqual({
      ok: false,
      message: expect.stringContaining(`(${reason})`),
    });
  });

  it('allows a routable BMC address and returns the address to connect to', async () => {
    expect(await createSsrfGuard()('10.20.30.40')).toEqual({
      ok: true,
      address: '10.20.30.40',
      family: 4,
    });
  });

  it('keeps to the allowed networks when they are configured', async () => {
    const guard = createSsrfGuard({ allowedNetworks: ['10.20.0.0/16'] });
    expect((await guard('10.20.1.1')).ok).toBe(true);
    expect(await guard('10.21.1.1')).toEqual({
      ok: false,
      message: expect.stringContaining('outside metal3.bmc.allowedNetworks'),
    });
  });

  it('allows loopback only when the operator says so (the lab), never the metadata endpoint', async () => {
    const guard = createSsrfGuard({ allow: ['loopback', 'link-local'] });
    expect((await guard('127.100.0.5')).ok).toBe(true);
    expect((await guard('169.254.1.1')).ok).toBe(true);
    expect((await guard('169.254.169.254')).ok).toBe(false);
  });

  it('resolves a name once and refuses it when any answer is refused (DNS rebinding)', async () => {
    const guard = createSsrfGuard({
      lookup: resolver({
        'bmc.rack1.example': ['10.1.1.5'],
        'evil.example': ['10.1.1.6', '169.254.169.254'],
      }),
    });
    expect(await guard('bmc.rack1.example')).toEqual({
      ok: true,
      address: '10.1.1.5',
      family: 4,
    });
    expect(await guard('evil.example')).toEqual({
      ok: false,
      message:
        'BMC host evil.example resolves to 169.254.169.254, which is refused (cloud metadata)',
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
          bmc: { allow: ['loopback'], allowedNetworks: ['127.100.0.0/16'] },
        },
      }),
    );
    expect((await guard('127.100.0.7')).ok).toBe(true);
    expect((await guard('127.0.0.1')).ok).toBe(false);
    expect(() =>
      ssrfGuardFromConfig(
        new ConfigReader({
          metal3: { bmc: { allowedNetworks: ['10.0.0.0/8', 'nope'] } },
        }),
      ),
    ).toThrow(
      'metal3.bmc.allowedNetworks[1]: "nope" is not an IP network (CIDR)',
    );
    expect(() =>
      ssrfGuardFromConfig(
        new ConfigReader({ metal3: { bmc: { allow: ['metadata'] } } }),
      ),
    ).toThrow('metal3.bmc.allow[0]');
  });
});
