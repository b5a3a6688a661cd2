/**
 * The header shared by the parser's model files (parser.bin, parser-b.bin, parser-revise.bin): a 4-byte magic, a u32
 * format version, a u32 byte length, and the meta JSON padded with spaces to a multiple of 4 bytes (so that the
 * weights after it can be read as aligned views).
 */
export function modelHeader(magic: string, version: number, meta: unknown): Buffer {
  const json = JSON.stringify(meta);
  const metaBytes = Buffer.from(json + ' '.repeat((4 - (Buffer.byteLength(json) % 4)) % 4), 'utf8');
  const head = Buffer.alloc(12);
  head.write(magic, 0, 'ascii');
  head.writeUInt32LE(version, 4);
  head.writeUInt32LE(metaBytes.length, 8);
  return Buffer.concat([head, metaBytes]);
}
