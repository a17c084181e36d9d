import { logEntriesUri } from './logEntriesUri';
import { loadMockup, members } from './mockupTree';

const firstSystem = (mockup: string) => {
  const tree = loadMockup(mockup);
  return logEntriesUri(tree, members(tree, '/redfish/v1/Systems')[0]);
};

describe('logEntriesUri', () => {
  it("finds the system's own log service first", () => {
    expect(firstSystem('dmtf-public-rackmount1')).toBe(
      '/redfish/v1/Systems/437XR1138R2/LogServices/Log1/Entries',
    );
    expect(firstSystem('hpe-ilo5-proliant-dl325-gen10plus')).toMatch(
      /^\/redfish\/v1\/Systems\/1\/LogServices\/IML\/Entries\/?$/i,
    );
  });

  it('falls back to the managing BMC when the system has no logs (bladed)', () => {
    expect(firstSystem('dmtf-public-bladed')).toBe(
      '/redfish/v1/Managers/Blade1BMC/LogServices/Log/Entries',
    );
  });

  it('is undefined for an unknown system', () => {
    expect(
      logEntriesUri(loadMockup('dmtf-public-bladed'), '/redfish/v1/Systems/x'),
    ).toBeUndefined();
  });
});
