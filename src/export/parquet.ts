/**
 * Parquet export of the flat event table (TABLE_COLUMNS), written with hyparquet-writer (pure JavaScript,
 * no native code). Rows are written in row groups as they arrive, and the bytes of each row group are handed
 * on before the next is built, so an export of any size streams in bounded memory.
 */
import type { ByteWriter, ColumnSource } from 'hyparquet-writer';
import { VERSION } from '../version.js';
import type { ExportEvent } from './records.js';
import { TABLE_COLUMNS } from './table.js';

/** Rows per row group. */
const ROW_GROUP = 10_000;

/** A byte writer whose flushed bytes are collected for the caller to pass on (a stream, a response). */
interface ChunkWriter extends ByteWriter {
  take(): Uint8Array[];
}

/** A chunk-collecting writer over the writer's own ByteWriter (the package is loaded on the first export). */
function chunkWriter(Base: typeof ByteWriter, size: number): ChunkWriter {
  class Collecting extends Base {
    readonly chunks: Uint8Array[] = [];
    flush(): void {
      if (this.index === 0) return;
      this.chunks.push(new Uint8Array(this.buffer.slice(0, this.index)));
      this.index = 0;
    }
    override finish(): void {
      this.flush();
    }
    take(): Uint8Array[] {
      return this.chunks.splice(0, this.chunks.length);
    }
  }
  return new Collecting(size);
}

function columnData(rows: readonly ExportEvent[]): ColumnSource[] {
  return TABLE_COLUMNS.map((c) => {
    const values = rows.map((r) => c.value(r));
    const data =
      c.type === 'INT64'
        ? values.map((v) => (v === null ? null : BigInt(Math.round(Number(v)))))
        : c.type === 'INT32'
          ? values.map((v) => (v === null ? null : Math.round(Number(v))))
          : values;
    return { name: c.name, type: c.type, nullable: true, data };
  });
}

/** The Parquet file's bytes, chunk by chunk, for the export rows. */
export async function* parquetChunks(rows: AsyncIterable<ExportEvent>, per: 'event' | 'mention' = 'event'): AsyncGenerator<Uint8Array> {
  const { ByteWriter, ParquetWriter, schemaFromColumnData } = await import('hyparquet-writer');
  const writer = chunkWriter(ByteWriter, 1 << 20);
  const schema = schemaFromColumnData({ columnData: columnData([]) });
  const parquet = new ParquetWriter({ writer, schema, createdBy: `herodotus ${VERSION}`, kvMetadata: [{ key: 'herodotus.table', value: per === 'event' ? 'events' : 'mentions' }] });
  yield* writer.take();
  let batch: ExportEvent[] = [];
  const writeBatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    await parquet.write({ columnData: columnData(batch), rowGroupSize: ROW_GROUP });
    batch = [];
  };
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= ROW_GROUP) {
      await writeBatch();
      yield* writer.take();
    }
  }
  await writeBatch();
  await parquet.finish();
  yield* writer.take();
}
