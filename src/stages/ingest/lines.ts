/**
 * Streams a byte source line by line without ever holding more than one line (bounded by `maxBytes`)
 * in memory. Lines longer than `maxBytes` are reported as oversize and their bytes discarded.
 */
export type Line = { lineNo: number; bytes: Buffer; oversize: false } | { lineNo: number; length: number; oversize: true };

export async function* readLines(source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let length = 0;
  let oversize = false;
  let lineNo = 1;
  const emit = (): Line => {
    const line: Line = oversize ? { lineNo, length, oversize: true } : { lineNo, bytes: Buffer.concat(parts, length), oversize: false };
    parts = [];
    length = 0;
    oversize = false;
    lineNo++;
    return line;
  };
  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(from, end);
      length += piece.length;
      if (!oversize) {
        if (length > maxBytes) {
          oversize = true;
          parts = [];
        } else if (piece.length > 0) parts.push(Buffer.from(piece));
      }
      if (nl === -1) break;
      yield emit();
      from = nl + 1;
    }
  }
  if (length > 0 || parts.length > 0) yield emit();
}
