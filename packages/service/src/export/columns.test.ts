// The exported columns are the contract's row schemas, name for name and in order (the OpenAPI
// document describes exactly what streams), and CSV cells follow RFC 4180 and defuse formulas.
import { ExportEventRow, ExportSessionRow } from '@inflow/contract/schemas';
import { expect, test } from 'vitest';
import { EVENT_COLUMNS, sessionColumns } from './columns.js';
import { csvCell, encodePage, head } from './format.js';

test('the columns are the contract row schemas, in order', () => {
  expect(EVENT_COLUMNS.map((c) => c.name)).toEqual(Object.keys(ExportEventRow.properties));
  expect(sessionColumns(30).map((c) => c.name)).toEqual(Object.keys(ExportSessionRow.properties));
});

test('CSV cells: quoting, formula prefixes on text only, null as empty', () => {
  const text = { kind: 'text' } as const;
  expect(csvCell('plain', text)).toBe('plain');
  expect(csvCell('a,b', text)).toBe('"a,b"');
  expect(csvCell('say "hi"', text)).toBe('"say ""hi"""');
  expect(csvCell('two\nlines', text)).toBe('"two\nlines"');
  for (const lead of ['=', '+', '-', '@', '\t', '\r'])
    expect(csvCell(`${lead}1`, text).replace(/^"/, ''), JSON.stringify(lead)).toMatch(/^'/);
  expect(csvCell('=1+1', text)).toBe("'=1+1");
  expect(csvCell('\rx', text)).toBe(`"'\rx"`);
  expect(csvCell(-3, { kind: 'number' })).toBe('-3');
  expect(csvCell(null, text)).toBe('');
  expect(csvCell(false, { kind: 'boolean' })).toBe('false');
  const columns = [
    { name: 'a', kind: 'text' as const, sql: 'a' },
    { name: 'b', kind: 'number' as const, sql: 'b' },
  ];
  expect(head('csv', columns) + encodePage('csv', columns, [{ a: 'x', b: 1 }])).toBe('a,b\r\nx,1\r\n');
  expect(head('ndjson', columns) + encodePage('ndjson', columns, [{ b: 2, a: null }])).toBe(
    '{"a":null,"b":2}\n',
  );
});
