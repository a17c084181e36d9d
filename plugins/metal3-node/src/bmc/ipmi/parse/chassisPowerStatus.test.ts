import { transcript } from '../__fixtures__/transcript';
import { parseChassisPowerStatus } from './chassisPowerStatus';

describe('parseChassisPowerStatus', () => {
  it('reads the captured "Chassis Power is on"', () => {
    expect(
      parseChassisPowerStatus(transcript('chassis-power-status.txt')),
    ).toBe('On');
  });

  it('reads off, and Unknown for anything else', () => {
    expect(parseChassisPowerStatus('Chassis Power is off\n')).toBe('Off');
    expect(parseChassisPowerStatus('')).toBe('Unknown');
  });
});
