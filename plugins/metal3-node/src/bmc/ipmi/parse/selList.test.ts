import { transcript } from '../__fixtures__/transcript';
import { parseSelList, selSeverity, toTimestamp } from './selList';

describe('parseSelList', () => {
  it('reads the captured sel elist newest first', () => {
    expect(parseSelList(transcript('sel-elist.txt'))).toEqual([
      {
        id: '5',
        message: 'Power Supply #0x12: Failure detected, Asserted',
        severity: 'Critical',
      },
      { id: '4', message: 'Power Unit #0x11: Power off/down, Asserted' },
      {
        id: '3',
        message: 'Memory #0x10: Uncorrectable ECC, Asserted',
        severity: 'Critical',
      },
      {
        id: '2',
        message:
          'Temperature CPU1 Temp: Upper Critical going high, Deasserted (Reading 80 < Threshold 95 degrees C)',
        severity: 'OK',
      },
      {
        id: '1',
        message:
          'Temperature CPU1 Temp: Upper Critical going high, Asserted (Reading 96 > Threshold 95 degrees C)',
        severity: 'Critical',
      },
    ]);
  });

  it('reads the CSV form and sel list (unresolved sensor names) the same way', () => {
    expect(parseSelList(transcript('csv-output.txt', 1))).toEqual(
      parseSelList(transcript('sel-elist.txt')),
    );
    const list = parseSelList(transcript('sel-list.txt'));
    expect(list).toHaveLength(5);
    expect(list[4].message).toBe(
      'Temperature #0x01: Upper Critical going high, Asserted',
    );
  });

  it('caps the number of entries, keeping the newest', () => {
    expect(parseSelList(transcript('sel-elist.txt'), 2).map(e => e.id)).toEqual(
      ['5', '4'],
    );
    expect(parseSelList(transcript('sel-elist.txt'), 0)).toEqual([]);
    expect(parseSelList('SEL has no entries\n')).toEqual([]);
  });

  it('turns dated records into ISO timestamps (ipmitool runs in UTC)', () => {
    const [entry] = parseSelList(
      '  1a | 03/14/2024 | 13:05:09 | Fan FAN2 | Lower Non-critical going low  | Asserted',
    );
    expect(entry).toEqual({
      id: '1a',
      created: '2024-03-14T13:05:09Z',
      severity: 'Warning',
      message: 'Fan FAN2: Lower Non-critical going low, Asserted',
    });
  });
});

describe('toTimestamp', () => {
  it('handles Pre-Init, 24 h, 12 h and foreign zones', () => {
    expect(toTimestamp('Pre-Init', '0000006516')).toBeUndefined();
    expect(toTimestamp('01/02/2025', '00:00:01')).toBe('2025-01-02T00:00:01Z');
    expect(toTimestamp('01/02/2025', '12:30:00 AM UTC')).toBe(
      '2025-01-02T00:30:00Z',
    );
    expect(toTimestamp('01/02/2025', '01:30:00 PM')).toBe(
      '2025-01-02T13:30:00Z',
    );
    expect(toTimestamp('01/02/2025', '01:30:00 PM CET')).toBe(
      '01/02/2025 01:30:00 PM CET',
    );
  });
});

describe('selSeverity', () => {
  it('rates non-critical, correctable and critical events', () => {
    expect(selSeverity('Upper Non-critical going high', 'Asserted')).toBe(
      'Warning',
    );
    expect(selSeverity('Correctable ECC', 'Asserted')).toBe('Warning');
    expect(selSeverity('Uncorrectable ECC', 'Asserted')).toBe('Critical');
    expect(selSeverity('Uncorrectable ECC', 'Deasserted')).toBe('OK');
    expect(selSeverity('Power Button pressed', 'Asserted')).toBeUndefined();
  });
});
