// How the report writes numbers and tables.

/** Bytes as kB (1,000 bytes), two decimals. */
export const kB = (bytes) => (bytes / 1000).toFixed(2);
export const MB = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
/** Milliseconds: whole from 100 up, else one decimal; `–` when not measured. */
export const ms = (x) =>
  x === undefined || Number.isNaN(x) ? '–' : x >= 100 ? Math.round(x).toString() : x.toFixed(1);
export const ratio = (a, b) => (b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '–');
export const num = (x) => (x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));
export const minutes = (seconds) => `${Math.floor(seconds / 60)} min ${seconds % 60} s`;

export const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
