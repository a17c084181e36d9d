import { transcript } from '../__fixtures__/transcript';
import { parseSdrList } from './sdrList';

const EXPECTED = [
  {
    name: 'CPU1 Temp',
    kind: 'temperature',
    unit: 'Cel',
    reading: 48,
    health: 'OK',
  },
  {
    name: 'Inlet Temp',
    kind: 'temperature',
    unit: 'Cel',
    reading: 24,
    health: 'OK',
  },
  { name: 'FAN1', kind: 'fan', unit: 'RPM', reading: 8400, health: 'OK' },
  { name: '12V', kind: 'voltage', unit: 'V', reading: 12.06, health: 'OK' },
];

describe('parseSdrList', () => {
  it('reads the captured sdr elist', () => {
    expect(parseSdrList(transcript('sdr-elist.txt'))).toEqual(EXPECTED);
  });

  it('reads the captured CSV sdr list', () => {
    expect(parseSdrList(transcript('csv-output.txt', 0))).toEqual(EXPECTED);
  });

  it('keeps discrete and unread sensors without a reading', () => {
    expect(
      parseSdrList(
        [
          'PS1 Status       | 71h | ok  | 10.1 | Presence detected',
          'FAN4             | 33h | ns  | 29.4 | No Reading',
        ].join('\n'),
      ),
    ).toEqual([
      { name: 'PS1 Status', kind: 'other', health: 'OK' },
      { name: 'FAN4', kind: 'other' },
    ]);
  });
});
