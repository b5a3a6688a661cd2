/** Plain-text tables for terminals: aligned columns, long cells cut with an ellipsis. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  /** Longest cell before it is cut. */
  max?: number;
  align?: 'left' | 'right';
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/\s+/g, ' ');
}

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

export function renderTable<T>(rows: readonly T[], columns: ReadonlyArray<Column<T>>): string {
  const cells = rows.map((row) => columns.map((col) => cut(cell(col.value(row)), col.max ?? 40)));
  const widths = columns.map((col, i) => Math.max(Array.from(col.header).length, ...cells.map((r) => Array.from(r[i]).length)));
  const pad = (text: string, i: number): string => {
    const gap = ' '.repeat(widths[i] - Array.from(text).length);
    return columns[i].align === 'right' ? gap + text : text + gap;
  };
  const lines = [columns.map((col, i) => pad(col.header, i)).join('  '), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const row of cells) lines.push(row.map(pad).join('  ').trimEnd());
  return lines.join('\n');
}
