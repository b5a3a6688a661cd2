/** Field formatting shared by the delimited exports (GDELT and ICEWS TSV, CSV). */

export type Cell = string | number | boolean | null | undefined;

/** A TSV field: tabs and line breaks become spaces (TSV has no quoting), null and undefined are empty. */
export function tsvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[\t\r\n]+/g, ' ');
}

export function tsvLine(values: readonly Cell[]): string {
  return values.map(tsvField).join('\t') + '\n';
}

/** An RFC 4180 CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly Cell[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** A number with at most `digits` decimals and no trailing zeros (4.0 → 4, 19.4326 → 19.4326). */
export function decimal(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(Number(value.toFixed(digits)));
}
