import { describeHost } from '@metal3-fleet/plugin-metal3-common';
import { projectBareMetalHost } from './bareMetalHost';
import { hostStatusInput } from './hostStatusInput';

describe('hostStatusInput', () => {
  const raw = {
    metadata: {
      name: 'worker-9',
      namespace: 'metal3',
      resourceVersion: '7',
      annotations: { 'example.com/x': 'y' },
    },
    spec: {
      online: true,
      consumerRef: { kind: 'Metal3Machine', name: 'm-9', namespace: 'metal3' },
    },
    status: {
      provisioning: { state: 'provisioned' },
      operationalStatus: 'error',
      errorType: 'power management error',
      errorMessage: 'BMC unreachable',
      errorCount: 3,
      poweredOn: true,
    },
  };

  it('hands the status model the fields it reads, so an erring host reads as an error', () => {
    const input = hostStatusInput(projectBareMetalHost(raw));
    expect(input).toMatchObject({
      provisioningState: 'provisioned',
      operationalStatus: 'error',
      errorType: 'power management error',
      errorMessage: 'BMC unreachable',
      errorCount: 3,
      poweredOn: true,
      online: true,
      consumer: { name: 'm-9' },
    });
    expect(input).not.toHaveProperty('maintenance');
    expect(describeHost(input).error).toBeDefined();
  });

  it('carries maintenance only when the caller knows it', () => {
    expect(hostStatusInput(projectBareMetalHost(raw), true).maintenance).toBe(
      true,
    );
  });
});
