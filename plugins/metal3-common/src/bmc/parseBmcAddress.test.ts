import { parseBmcAddress, ParsedBmcAddress } from './parseBmcAddress';
import { BMC_SCHEMES } from './schemes';

function parsed(address: string): ParsedBmcAddress {
  const result = parseBmcAddress(address);
  if (!result.ok)
    throw new Error(`expected ${address} to parse: ${result.message}`);
  return result;
}

function message(address: string): string {
  const result = parseBmcAddress(address);
  if (result.ok) throw new Error(`expected ${address} to be rejected`);
  expect(result.field).toBe('spec.bmc.address');
  return result.message;
}

describe('parseBmcAddress', () => {
  describe('every scheme with and without +http/+https', () => {
    const rows: [string, string, string, number][] = BMC_SCHEMES.flatMap(s =>
      s.transportSuffixes.length === 0
        ? [[s.name, '', s.defaultTransport, 623]]
        : [
            [s.name, '', 'https', 443],
            [s.name, '+https', 'https', 443],
            [s.name, '+http', 'http', 80],
          ],
    );
    it.each(rows)('%s%s → %s port %d', (name, suffix, transport, port) => {
      const result = parsed(
        `${name}${suffix}://bmc.example.com/redfish/v1/Systems/1`,
      );
      expect(result).toMatchObject({
        scheme: name,
        transport,
        port,
        host: 'bmc.example.com',
      });
    });

    it.each([
      ['ipmi+https'],
      ['ipmi+http'],
      ['libvirt+https'],
      ['redfish+ftp'],
      ['redfish+http+https'],
    ])('rejects %s', scheme => {
      expect(message(`${scheme}://10.0.0.1`)).toBe(
        `Unknown BMC type '${scheme}' for address ${scheme}://10.0.0.1`,
      );
    });
  });

  describe('accepted addresses', () => {
    it.each([
      // address, scheme, transport, host, port, systemPath, systemId
      ['ipmi://10.0.0.1', 'ipmi', 'udp', '10.0.0.1', 623, undefined, undefined],
      [
        'ipmi://10.0.0.1:6230',
        'ipmi',
        'udp',
        '10.0.0.1',
        6230,
        undefined,
        undefined,
      ],
      ['10.0.0.1', 'ipmi', 'udp', '10.0.0.1', 623, undefined, undefined],
      ['10.0.0.1:6231', 'ipmi', 'udp', '10.0.0.1', 6231, undefined, undefined],
      [
        'bmc-1.rack2.example',
        'ipmi',
        'udp',
        'bmc-1.rack2.example',
        623,
        undefined,
        undefined,
      ],
      ['[fd00::1]:6230', 'ipmi', 'udp', 'fd00::1', 6230, undefined, undefined],
      [
        'ipmi://[fe80::fc33:62ff:fe83:8a76]:6233',
        'ipmi',
        'udp',
        'fe80::fc33:62ff:fe83:8a76',
        6233,
        undefined,
        undefined,
      ],
      [
        'libvirt://192.168.122.1:6230',
        'libvirt',
        'udp',
        '192.168.122.1',
        6230,
        undefined,
        undefined,
      ],
      [
        'redfish://10.0.0.1/redfish/v1/Systems/1',
        'redfish',
        'https',
        '10.0.0.1',
        443,
        '/redfish/v1/Systems/1',
        '1',
      ],
      [
        'redfish+http://10.0.0.1:8000/redfish/v1/Systems/abc',
        'redfish',
        'http',
        '10.0.0.1',
        8000,
        '/redfish/v1/Systems/abc',
        'abc',
      ],
      [
        'redfish://[2001:db8::5]:8443/redfish/v1/Systems/1',
        'redfish',
        'https',
        '2001:db8::5',
        8443,
        '/redfish/v1/Systems/1',
        '1',
      ],
      [
        'redfish://[::ffff:10.0.0.1]/redfish/v1/Systems/1',
        'redfish',
        'https',
        '::ffff:10.0.0.1',
        443,
        '/redfish/v1/Systems/1',
        '1',
      ],
      [
        'idrac-virtualmedia://idrac.example/redfish/v1/Systems/System.Embedded.1',
        'idrac-virtualmedia',
        'https',
        'idrac.example',
        443,
        '/redfish/v1/Systems/System.Embedded.1',
        'System.Embedded.1',
      ],
      [
        'idrac-redfish+https://idrac.example:443/redfish/v1/Systems/System.Embedded.1/',
        'idrac-redfish',
        'https',
        'idrac.example',
        443,
        '/redfish/v1/Systems/System.Embedded.1',
        'System.Embedded.1',
      ],
      [
        'redfish-virtualmedia://10.0.0.1',
        'redfish-virtualmedia',
        'https',
        '10.0.0.1',
        443,
        undefined,
        undefined,
      ],
      [
        'redfish-virtualmedia://10.0.0.1/',
        'redfish-virtualmedia',
        'https',
        '10.0.0.1',
        443,
        undefined,
        undefined,
      ],
      [
        'redfish-uefihttp://10.0.0.1/redfish/v1',
        'redfish-uefihttp',
        'https',
        '10.0.0.1',
        443,
        undefined,
        undefined,
      ],
      [
        'redfish://10.0.0.1/redfish/v1//',
        'redfish',
        'https',
        '10.0.0.1',
        443,
        undefined,
        undefined,
      ],
      [
        'redfish://10.0.0.1/redfish/v1/systems/Self',
        'redfish',
        'https',
        '10.0.0.1',
        443,
        '/redfish/v1/systems/Self',
        'Self',
      ],
      [
        'redfish://10.0.0.1/custom/path',
        'redfish',
        'https',
        '10.0.0.1',
        443,
        '/custom/path',
        undefined,
      ],
      [
        'REDFISH+HTTPS://BMC.Example.COM/redfish/v1/Systems/1',
        'redfish',
        'https',
        'bmc.example.com',
        443,
        '/redfish/v1/Systems/1',
        '1',
      ],
      ['IPMI://10.0.0.1', 'ipmi', 'udp', '10.0.0.1', 623, undefined, undefined],
    ])('%s', (address, scheme, transport, host, port, systemPath, systemId) => {
      const result = parsed(address);
      expect(result.scheme).toBe(scheme);
      expect(result.transport).toBe(transport);
      expect(result.host).toBe(host);
      expect(result.port).toBe(port);
      expect(result.systemPath).toBe(systemPath);
      expect(result.systemId).toBe(systemId);
    });
  });

  describe('derived properties', () => {
    it.each([
      // address, protocol, provisioning network, virtual media, secure boot, raid, needsMac
      ['ipmi://h', 'ipmi', true, false, false, 'none', false],
      ['libvirt://h', 'ipmi', true, false, false, 'none', true],
      ['redfish://h', 'redfish', true, false, true, 'redfish', false],
      [
        'redfish-virtualmedia://h',
        'redfish',
        false,
        true,
        true,
        'redfish',
        false,
      ],
      ['redfish-uefihttp://h', 'redfish', false, false, true, 'redfish', false],
      [
        'idrac-redfish://h',
        'redfish',
        true,
        false,
        true,
        'idrac-redfish',
        false,
      ],
      [
        'idrac-virtualmedia://h',
        'redfish',
        false,
        true,
        true,
        'idrac-redfish',
        false,
      ],
      ['ilo5-redfish://h', 'redfish', true, false, true, 'redfish', false],
      ['ilo5-virtualmedia://h', 'redfish', false, true, true, 'redfish', false],
    ])(
      '%s',
      (address, protocol, network, vmedia, secureBoot, raid, needsMac) => {
        expect(parsed(address)).toMatchObject({
          protocol,
          needsProvisioningNetwork: network,
          supportsVirtualMedia: vmedia,
          supportsSecureBoot: secureBoot,
          raid,
          needsMac,
        });
      },
    );

    it.each([
      // address, redfishBaseUrl, normalizedAddress
      [
        'redfish://10.0.0.1/redfish/v1/Systems/1',
        'https://10.0.0.1',
        'redfish://10.0.0.1/redfish/v1/Systems/1',
      ],
      [
        'redfish+http://h:8000/redfish/v1/Systems/1/',
        'http://h:8000',
        'redfish+http://h:8000/redfish/v1/Systems/1',
      ],
      [
        'redfish-virtualmedia+https://[FD00::1]:8443/redfish/v1',
        'https://[fd00::1]:8443',
        'redfish-virtualmedia+https://[fd00::1]:8443',
      ],
      ['10.0.0.1:6230', undefined, 'ipmi://10.0.0.1:6230'],
      [
        'ipmi://h?privilegelevel=OPERATOR',
        undefined,
        'ipmi://h?privilegelevel=OPERATOR',
      ],
    ])('%s → %s', (address, baseUrl, normalized) => {
      const result = parsed(address);
      expect(result.redfishBaseUrl).toBe(baseUrl);
      expect(result.normalizedAddress).toBe(normalized);
      expect(parsed(normalized)).toEqual(result);
    });
  });

  describe('IPMI privilege level', () => {
    it.each([
      ['ipmi://h', 'ADMINISTRATOR'],
      ['ipmi://h?privilegelevel=OPERATOR', 'OPERATOR'],
      ['ipmi://h:623/?privilegelevel=USER', 'USER'],
      ['libvirt://h?foo=1&privilegelevel=CALLBACK', 'CALLBACK'],
      ['redfish://h/redfish/v1/Systems/1?privilegelevel=USER', undefined],
    ])('%s → %s', (address, level) => {
      expect(parsed(address).privilegeLevel).toBe(level);
    });

    it.each([['operator'], ['ROOT'], [''], ['%ZZ']])('rejects %p', level => {
      expect(message(`ipmi://h?privilegelevel=${level}`)).toMatch(
        /^IPMI privilege level '.*' is not one of ADMINISTRATOR, CALLBACK, OPERATOR, USER/,
      );
    });
  });

  describe('deprecated aliases', () => {
    it.each([
      ['ilo5-redfish://h/redfish/v1/Systems/1', 'redfish'],
      ['ilo5-redfish+http://h', 'redfish'],
      ['ilo5-virtualmedia://h/redfish/v1/Systems/1', 'redfish-virtualmedia'],
    ])('%s → use %s', (address, replacement) => {
      const result = parsed(address);
      expect(result.deprecated?.replacement).toBe(replacement);
      expect(result.deprecated?.reason).toMatch(/no longer be used/);
    });

    it('leaves current schemes undeprecated', () => {
      expect(parsed('redfish://h').deprecated).toBeUndefined();
    });
  });

  describe('removed schemes name the release', () => {
    it.each([
      ['idrac://h', 'idrac', 'v0.6.0'],
      ['idrac+http://h', 'idrac+http', 'v0.6.0'],
      ['ibmc://h', 'ibmc', 'v0.6.0'],
      ['ilo4://h', 'ilo4', 'v0.12.0'],
      ['ilo4-virtualmedia://h', 'ilo4-virtualmedia', 'v0.12.0'],
      ['ilo5://h', 'ilo5', 'v0.12.0'],
      ['irmc://h', 'irmc', 'v0.13.0'],
      ['IRMC://h', 'irmc', 'v0.13.0'],
      ['ilo4+https://h', 'ilo4+https', 'v0.12.0'],
    ])('%s', (address, scheme, release) => {
      expect(message(address)).toContain(
        `BMC type '${scheme}' was removed in baremetal-operator ${release}`,
      );
    });
  });

  describe('rejected addresses', () => {
    it.each([
      // address, expected message (substring)
      ['', 'missing BMC address'],
      ['ipmi://', 'BMC address hostname/IP : [] is invalid'],
      [
        'redfish:///redfish/v1/Systems/1',
        'BMC address hostname/IP : [] is invalid',
      ],
      [
        'redfish:/redfish/v1/Systems/1',
        'BMC address hostname/IP : [] is invalid',
      ],
      ['/redfish/v1', 'BMC address hostname/IP : [] is invalid'],
      [
        'ipmi://-host.example.com.org',
        'BMC address hostname/IP : [-host.example.com.org] is invalid',
      ],
      [
        'ipmi://host+1.example.com.org',
        'BMC address hostname/IP : [host+1.example.com.org] is invalid',
      ],
      [
        'ipmi://host_1.example',
        'BMC address hostname/IP : [host_1.example] is invalid',
      ],
      [
        'ipmi://host..example',
        'BMC address hostname/IP : [host..example] is invalid',
      ],
      ['ipmi://999.1.1.1', 'BMC address hostname/IP : [999.1.1.1] is invalid'],
      ['ipmi://[zz]:623', 'BMC address hostname/IP : [zz] is invalid'],
      ['ipmi://[fd00::1', 'BMC address hostname/IP : [fd00::1] is invalid'],
      ['ipmi://[fd00::1]x', 'BMC address hostname/IP : [fd00::1] is invalid'],
      ['ipmi://[fe80::1%25eth0]', 'is invalid'],
      ['ipmi://fd00::1', 'write IPv6 addresses in brackets'],
      ['2001:db8::1', 'write IPv6 addresses in brackets'],
      ['ipmi://h:abc', 'BMC address hostname/IP : [h:abc] is invalid'],
      ['ipmi://h:0', 'BMC port 0 is not between 1 and 65535'],
      [
        'redfish://h:70000/redfish/v1',
        'BMC port 70000 is not between 1 and 65535',
      ],
      [
        'redfish://root:calvin@h/redfish/v1',
        'must not contain a user name or password',
      ],
      [' ipmi://h', 'must not contain spaces'],
      ['ipmi://h\n', 'must not contain spaces'],
      [
        'bmc.example:623',
        "Unknown BMC type 'bmc.example' for address bmc.example:623; for IPMI on a port write ipmi://bmc.example:623",
      ],
      ['foo://h', "Unknown BMC type 'foo' for address foo://h"],
      ['https://h/redfish/v1/Systems/1', "Unknown BMC type 'https'"],
      ['not a url', 'must not contain spaces'],
      ['::::', 'is invalid'],
      ['[]', 'BMC address hostname/IP : [] is invalid'],
      ['@', 'must not contain a user name or password'],
      // numeric spellings that resolvers read as 127.0.0.1
      ['redfish://2130706433/redfish/v1', 'cannot end in a number'],
      ['redfish://0x7f.1/redfish/v1', 'cannot end in a number'],
      ['ipmi://017700000001', 'cannot end in a number'],
      ['ipmi://127.1:623', 'cannot end in a number'],
    ])('%p', (address, expected) => {
      expect(message(address)).toContain(expected);
    });

    it.each([
      'redfish://root:S3ntinel@10.0.0.5/redfish/v1',
      'user:S3ntinel@10.0.0.5',
      'redfish:root:S3ntinel@10.0.0.5',
      'gopher://root:S3ntinel@10.0.0.5',
      'ilo4://root:S3ntinel@10.0.0.5',
      'redfish://root:pa/S3ntinel@10.0.0.5/redfish/v1',
    ])('never echoes the password of %p', address => {
      expect(message(address)).toBe(
        'BMC address must not contain a user name or password; put them in the credentials Secret',
      );
    });

    it('rejects non-string input without throwing', () => {
      expect(parseBmcAddress(undefined as unknown as string).ok).toBe(false);
    });
  });
});
