import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { fieldProblem, validateLabels } from './fieldErrors';
import { HostEnrollmentInput, validateHostEnrollment } from './bareMetalHost';

/** One host of a bulk enrollment, as typed in a CSV or YAML row. */
export interface HostRow {
  name: string;
  bmcAddress: string;
  username: string;
  bootMACAddress: string;
  bootMode?: 'UEFI' | 'UEFISecureBoot' | 'legacy';
  disableCertificateVerification?: boolean;
  labels?: Record<string, string>;
}

/** A row that cannot be enrolled, named by its 1-based row number (the CSV header is not a row). */
export interface RowProblem {
  row: number;
  name?: string;
  field: string;
  message: string;
}

export interface ParsedRows {
  rows: { row: number; host: HostRow }[];
  problems: RowProblem[];
}

const COLUMNS = new Set([
  'name',
  'bmcAddress',
  'username',
  'bootMACAddress',
  'bootMode',
  'disableCertificateVerification',
  'labels',
]);
const BOOT_MODES = ['UEFI', 'UEFISecureBoot', 'legacy'];

/**
 * `pool=workers;rack=r1` (the CSV form of labels); a quoted cell may also
 * separate them with commas or line breaks, as spreadsheets write lists.
 */
function parseLabelList(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text
    .split(/[;|,\r\n]/)
    .map(p => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    labels[at < 0 ? pair : pair.slice(0, at).trim()] =
      at < 0 ? '' : pair.slice(at + 1).trim();
  }
  return labels;
}

/**
 * CSV as spreadsheets export it, through csv-parse: a header row, quoted
 * fields with commas, quotes and line breaks, a UTF-8 byte-order mark, CRLF
 * line ends, `#` comment lines, blank lines. Rows are numbered from 1 after
 * the header, whatever line they start on (a quoted field may span lines).
 */
function csvRecords(
  text: string,
): { row: number; record: Record<string, string> }[] {
  const records: Record<string, string>[] = parseCsv(text, {
    bom: true,
    columns: (header: string[]) => header.map(h => h.trim()),
    skip_empty_lines: true,
    comment: '#',
    comment_no_infix: true,
    trim: true,
    relax_column_count: true,
  });
  return records.map((raw, index) => ({
    row: index + 1,
    // An empty cell is no value, as if the column were absent.
    record: Object.fromEntries(
      Object.entries(raw).filter(
        ([column, value]) =>
          column !== '' && typeof value === 'string' && value !== '',
      ),
    ),
  }));
}

/** A row's raw record to a HostRow, collecting what is wrong with its shape. */
function toHostRow(
  row: number,
  record: Record<string, unknown>,
  problems: RowProblem[],
): HostRow {
  const name = typeof record.name === 'string' ? record.name : '';
  const problem = (field: string, message: string) =>
    problems.push({
      row,
      name: name || undefined,
      field,
      message: `row ${row}: ${fieldProblem(field, message).message}`,
    });
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    // `label.pool` columns are labels; so is a `labels` map or `k=v;k=v` cell.
    if (key.startsWith('label.')) labels[key.slice(6)] = String(value);
    else if (key === 'labels' && typeof value === 'string')
      Object.assign(labels, parseLabelList(value));
    else if (key === 'labels' && value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) labels[k] = String(v);
    } else if (!COLUMNS.has(key) && key !== 'bmcUsername')
      problem(key, 'is not a known column');
  }
  const flag = record.disableCertificateVerification;
  if (
    flag !== undefined &&
    !['true', 'false', true, false].includes(flag as any)
  ) {
    problem('disableCertificateVerification', `"${flag}" is not true or false`);
  }
  if (
    record.bootMode !== undefined &&
    !BOOT_MODES.includes(String(record.bootMode))
  ) {
    problem(
      'bootMode',
      `"${record.bootMode}" is not one of ${BOOT_MODES.join(', ')}`,
    );
  }
  return {
    name,
    bmcAddress: String(record.bmcAddress ?? ''),
    username: String(record.username ?? record.bmcUsername ?? ''),
    bootMACAddress: String(record.bootMACAddress ?? ''),
    ...(record.bootMode !== undefined && {
      bootMode: String(record.bootMode) as HostRow['bootMode'],
    }),
    ...(flag !== undefined && {
      disableCertificateVerification: flag === true || flag === 'true',
    }),
    ...(Object.keys(labels).length && { labels }),
  };
}

/**
 * Parses a bulk enrollment. CSV needs a header row (name, bmcAddress,
 * username, bootMACAddress, and optionally bootMode,
 * disableCertificateVerification, labels as `k=v;k=v`, or `label.<key>`
 * columns); YAML is a list of objects with the same keys. Bad rows are
 * reported and left out; good rows are kept.
 */
export function parseHostRows(
  text: string,
  format: 'csv' | 'yaml',
): ParsedRows {
  const problems: RowProblem[] = [];
  let records: { row: number; record: Record<string, unknown> }[];
  if (format === 'csv') {
    try {
      records = csvRecords(text);
    } catch (error) {
      // An unclosed quote or the like: where it is, not which row is bad.
      const line = (error as { lines?: number }).lines;
      return {
        rows: [],
        problems: [
          {
            row: 0,
            field: 'hosts',
            message: `hosts: not valid CSV${line ? ` (line ${line})` : ''}: ${
              (error as Error).message
            }`,
          },
        ],
      };
    }
  } else {
    let parsed: unknown;
    try {
      parsed = parseYaml(text);
    } catch (error) {
      return {
        rows: [],
        problems: [
          {
            row: 0,
            field: 'hosts',
            message: `hosts: not valid YAML: ${(error as Error).message}`,
          },
        ],
      };
    }
    if (!Array.isArray(parsed)) {
      return {
        rows: [],
        problems: [
          {
            row: 0,
            field: 'hosts',
            message: 'hosts: YAML must be a list of hosts',
          },
        ],
      };
    }
    records = parsed.map((record, i) => ({
      row: i + 1,
      record: record && typeof record === 'object' ? record : {},
    }));
  }
  const rows = records.map(({ row, record }) => ({
    row,
    host: toHostRow(row, record, problems),
  }));
  return { rows, problems };
}

/**
 * Checks each row as a single enrollment would, plus what only a batch can
 * get wrong: the same name or boot MAC twice. The second occurrence is the
 * bad row; the first one is still enrolled.
 */
export function validateHostRows(
  parsed: ParsedRows,
  namespace: string,
  credentialsName: (name: string) => string,
): { good: { row: number; host: HostRow }[]; problems: RowProblem[] } {
  const problems = [...parsed.problems];
  const badRows = new Set(problems.map(p => p.row));
  const seenNames = new Map<string, number>();
  const seenMacs = new Map<string, number>();
  const good: { row: number; host: HostRow }[] = [];
  for (const { row, host } of parsed.rows) {
    const enrollment: HostEnrollmentInput = {
      name: host.name,
      namespace,
      bmcAddress: host.bmcAddress,
      credentialsName: credentialsName(host.name),
      bootMACAddress: host.bootMACAddress,
      labels: host.labels,
    };
    const errors = [
      ...validateHostEnrollment(enrollment).filter(
        e => e.field !== 'credentialsName',
      ),
      ...(host.username ? [] : [fieldProblem('username', 'is required')]),
      ...validateLabels(host.labels, 'labels'),
    ];
    const mac = host.bootMACAddress.toLowerCase().replace(/-/g, ':');
    if (host.name && seenNames.has(host.name)) {
      errors.push(
        fieldProblem(
          'name',
          `"${host.name}" is already used by row ${seenNames.get(host.name)}`,
        ),
      );
    }
    if (mac && seenMacs.has(mac)) {
      errors.push(
        fieldProblem(
          'bootMACAddress',
          `${mac} is already used by row ${seenMacs.get(mac)}`,
        ),
      );
    }
    if (host.name && !seenNames.has(host.name)) seenNames.set(host.name, row);
    if (mac && !seenMacs.has(mac)) seenMacs.set(mac, row);
    for (const error of errors) {
      problems.push({
        row,
        name: host.name || undefined,
        field: error.field,
        message: `row ${row}: ${error.message}`,
      });
    }
    if (errors.length === 0 && !badRows.has(row)) good.push({ row, host });
  }
  problems.sort((a, b) => a.row - b.row);
  return { good, problems };
}
