import { redactBmcCredentials } from './redactBmcCredentials';

const PW = 'S3ntinel-pw';

describe('redactBmcCredentials', () => {
  it.each([
    // every shape baremetal-operator's webhook (Go's url.Parse) accepts
    [
      `redfish://root:${PW}@10.0.0.5/redfish/v1/Systems/1`,
      'redfish://***@10.0.0.5/redfish/v1/Systems/1',
    ],
    [
      `redfish-virtualmedia+https://root:${PW}@[fd00::5]:8443/redfish/v1`,
      'redfish-virtualmedia+https://***@[fd00::5]:8443/redfish/v1',
    ],
    [`ipmi://admin:${PW}@bmc-1.example:623`, 'ipmi://***@bmc-1.example:623'],
    [`ipmi://${PW}@10.0.0.9`, 'ipmi://***@10.0.0.9'],
    // a password holding @ / ? # and percent-escapes is cut out whole
    [
      `idrac-virtualmedia://root:a@b/c?d#${PW}%40@10.0.0.7/redfish/v1/Systems/System.Embedded.1`,
      'idrac-virtualmedia://***@10.0.0.7/redfish/v1/Systems/System.Embedded.1',
    ],
    // BMO rewrites scheme:opaque to scheme://opaque
    [
      `redfish:root:${PW}@10.0.0.5/redfish/v1`,
      'redfish:***@10.0.0.5/redfish/v1',
    ],
    [`ipmi:${PW}@10.0.0.5`, 'ipmi:***@10.0.0.5'],
    // scheme-less: anything in front of the last @ may be a user name
    [`root:${PW}@10.0.0.5:623`, '***@10.0.0.5:623'],
    [`${PW}@10.0.0.5`, '***@10.0.0.5'],
  ])('%s → %s', (address, redacted) => {
    expect(redactBmcCredentials(address)).toBe(redacted);
  });

  it.each([
    'redfish://10.0.0.5/redfish/v1/Systems/1',
    'ipmi://[fd00::1]:623?privilegelevel=OPERATOR',
    '10.0.0.5:6230',
    'Failed to get power state: connection refused',
    'mail ops@example.com about it',
    '',
  ])('leaves %p as it is', text => {
    expect(redactBmcCredentials(text)).toBe(text);
  });

  it('cuts userinfo out of addresses quoted in free text (events, Ironic errors)', () => {
    const message = `Failed to validate power driver interface for node abc: redfish://root:${PW}@10.0.0.5/redfish/v1/Systems/1 and 'ipmi:admin:${PW}@10.0.0.6' (contact ops@example.com)`;
    const redacted = redactBmcCredentials(message);
    expect(redacted).not.toContain(PW);
    expect(redacted).toBe(
      "Failed to validate power driver interface for node abc: redfish://***@10.0.0.5/redfish/v1/Systems/1 and 'ipmi:***@10.0.0.6' (contact ops@example.com)",
    );
  });

  it('passes undefined through', () => {
    expect(redactBmcCredentials(undefined)).toBeUndefined();
  });
});
