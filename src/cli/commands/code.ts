import type { Pipeline } from '../../pipeline/pipeline.js';
import { codeInputs, type BatchCoder, type InputFlags, type RunCounts } from '../documents.js';
import { EVENT_CSV_HEADER, eventCsvLine, rowsFromDocument } from '../format/events.js';
import { documentTable } from '../format/document.js';
import { csvRow } from '../format/csv.js';
import { writeJsonLine } from '../format/json.js';

export type CodeFormat = 'json' | 'jsonl' | 'table' | 'csv';

/**
 * `herodotus code`: prints coded documents; returns counts for the exit code. After each document it waits for
 * `drained` (the output's buffer to empty), so a slow reader of the output slows the run instead of letting the
 * written text pile up in memory.
 */
export async function runCode(
  pipeline: Pipeline | BatchCoder,
  paths: readonly string[],
  flags: InputFlags & { format: CodeFormat },
  write: (s: string) => void,
  drained: () => Promise<void> = async () => {},
): Promise<RunCounts> {
  const counts: RunCounts = { documents: 0, skipped: 0 };
  let first: string | null = null;
  let many = false;
  if (flags.format === 'csv') write(csvRow(EVENT_CSV_HEADER) + '\n');
  for await (const item of codeInputs(pipeline, paths, flags, counts)) {
    const { coded } = item;
    switch (flags.format) {
      case 'jsonl':
        writeJsonLine(coded, write);
        break;
      case 'csv':
        for (const row of rowsFromDocument(coded)) write(eventCsvLine(row) + '\n');
        break;
      case 'table':
        write(documentTable(coded) + '\n');
        break;
      case 'json': {
        const json = JSON.stringify(coded, null, 2);
        if (first === null) first = json;
        else {
          if (!many) write('[\n' + first);
          many = true;
          write(',\n' + json);
        }
        break;
      }
    }
    await drained();
  }
  if (flags.format === 'json') {
    if (many) write('\n]\n');
    else if (first !== null) write(first + '\n');
    else write('[]\n');
  }
  return counts;
}
