/**
 * A coded document as one JSON line, written in pieces: `{"key":value` per top-level field, each value
 * from JSON.stringify, then `}\n`. The bytes are those of JSON.stringify(document) + '\n', but no string
 * of the whole document is ever made: V8 builds a large JSON.stringify result as a rope, and flattening
 * and encoding a ~90 KB two-byte rope (the text's curly quotes make it two-byte) cost about three times
 * the stringify itself; pieces of a few kilobytes each go out at once.
 */
export function writeJsonLine(value: object, write: (s: string) => void): void {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    write(JSON.stringify(value) + '\n');
    return;
  }
  let open = '{';
  for (const key of Object.keys(value)) {
    const json = JSON.stringify((value as Record<string, unknown>)[key]) as string | undefined;
    if (json === undefined) continue; // undefined, functions and symbols are left out, as JSON.stringify does
    write(open + JSON.stringify(key) + ':' + json);
    open = ',';
  }
  write(open === '{' ? '{}\n' : '}\n');
}
