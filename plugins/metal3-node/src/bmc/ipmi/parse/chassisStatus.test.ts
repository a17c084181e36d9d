import { transcript } from '../__fixtures__/transcript';
import { chassisHealth, parseChassisStatus } from './chassisStatus';

describe('parseChassisStatus', () => {
  it('reads the captured chassis status: on, no faults, healthy', () => {
    const status = parseChassisStatus(transcript('chassis-status.txt'));
    expect(status).toEqual({
      powerState: 'On',
      powerRestorePolicy: 'always-off',
      lastPowerEvent: undefined,
      faults: [],
    });
    expect(chassisHealth(status)).toBe('OK');
  });

  it('rates cooling faults as a warning and power faults as critical', () => {
    const fan = transcript('chassis-status.txt').replace(
      'Cooling/Fan Fault    : false',
      'Cooling/Fan Fault    : true',
    );
    expect(parseChassisStatus(fan).faults).toEqual(['Cooling/Fan Fault']);
    expect(chassisHealth(parseChassisStatus(fan))).toBe('Warning');
    const power = fan.replace(
      'Main Power Fault     : false',
      'Main Power Fault     : true',
    );
    expect(chassisHealth(parseChassisStatus(power))).toBe('Critical');
  });
});
