import {
  describeHost,
  HostSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import { groupHosts } from './grouping';

const host = (name: string, extra: Partial<HostSummaryDto> = {}) =>
  ({
    cluster: 'c',
    namespace: 'n',
    name,
    status: describeHost({ provisioningState: 'available' }),
    labels: {},
    bmc: {},
    owner: '',
    entityRef: '',
    ...extra,
  } as HostSummaryDto);

describe('groupHosts', () => {
  it('keeps first-appearance order and puts hosts without a pool in "(none)"', () => {
    const pool = { cluster: 'c', namespace: 'n', name: 'workers' };
    const groups = groupHosts(
      [host('a', { pool }), host('b'), host('c', { pool })],
      'pool',
    );
    expect(groups.map(g => [g.key, g.hosts.map(h => h.name)])).toEqual([
      ['workers', ['a', 'c']],
      ['(none)', ['b']],
    ]);
  });

  it('groups status by code and names the group by its labels', () => {
    const error = describeHost({
      provisioningState: 'registering',
      operationalStatus: 'error',
      errorType: 'registration error',
    });
    const groups = groupHosts(
      [host('a', { status: error }), host('b')],
      'status',
    );
    expect(groups.map(g => [g.key, g.label])).toEqual([
      ['error', 'Registration error'],
      ['available', 'Available'],
    ]);
  });
});
