/**
 * The two encodings of an export page (docs/activation.md, Export). NDJSON: one JSON object per
 * line, exact values. CSV (RFC 4180): a header row, CRLF line ends, a cell quoted when it holds a
 * comma, a quote, CR or LF; and a text cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
 * leading `'` so a spreadsheet never runs a user id or team name as a formula (CSV injection).
 */
import type { Column } from './columns.js';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
export type Format = 'ndjson' | 'csv';

const FORMULA = /^[=+\-@\t\r]/;
const QUOTE = /[",\r\n]/;

export function csvCell(value: Cell, column: Pick<Column, 'kind'>): string {
  if (value === null) return '';
  let text = String(value);
  // Numbers keep their sign: only text a person typed can be a formula.
  if (column.kind === 'text' && FORMULA.test(text)) text = `'${text}`;
  return QUOTE.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The text before the first row: CSV's header row (also the whole body of an empty range). */
export function head(format: Format, columns: Column[]): string {
  return format === 'csv' ? `${columns.map((c) => csvCell(c.name, { kind: 'number' })).join(',')}\r\n` : '';
}

/** One page of rows, each in the columns' order and ended by its line break. */
export function encodePage(format: Format, columns: Column[], rows: Row[]): string {
  let out = '';
  for (const row of rows) {
    if (format === 'csv') out += `${columns.map((c) => csvCell(row[c.name] ?? null, c)).join(',')}\r\n`;
    else {
      const record: Row = {};
      for (const c of columns) record[c.name] = row[c.name] ?? null;
      out += `${JSON.stringify(record)}\n`;
    }
  }
  return out;
}
