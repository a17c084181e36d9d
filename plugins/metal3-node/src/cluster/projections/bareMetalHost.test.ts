import { projectBareMetalHost } from './bareMetalHost';

const SENTINEL = 'S3ntinel-webhook-accepted-pw';

const raw = (address: string, errorMessage = '') => ({
  metadata: { name: 'h1', namespace: 'metal3', uid: 'u1' },
  spec: { bmc: { address, credentialsName: 'h1-bmc' } },
  status: {
    operationalStatus: errorMessage ? 'error' : 'OK',
    errorType: errorMessage ? 'registration error' : '',
    errorMessage,
  },
});

describe('projectBareMetalHost', () => {
  it('takes the BMC address and error message in without userinfo', () => {
    const host = projectBareMetalHost(
      raw(
        `redfish-virtualmedia://root:${SENTINEL}@10.0.0.9/redfish/v1/Systems/1`,
        `Failed to get power state for node u1. Error: HTTP GET https://root:${SENTINEL}@10.0.0.9/redfish/v1/Systems/1 failed`,
      ),
    );
    expect(host.bmcAddress).toBe(
      'redfish-virtualmedia://***@10.0.0.9/redfish/v1/Systems/1',
    );
    expect(host.errorMessage).toBe(
      'Failed to get power state for node u1. Error: HTTP GET https://***@10.0.0.9/redfish/v1/Systems/1 failed',
    );
    expect(JSON.stringify(host)).not.toContain(SENTINEL);
  });

  it('leaves an address without userinfo as it is', () => {
    const address = 'ipmi://[fd00::9]:623?privilegelevel=OPERATOR';
    expect(projectBareMetalHost(raw(address)).bmcAddress).toBe(address);
  });
});
