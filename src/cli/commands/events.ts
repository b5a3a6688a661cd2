import type { EventQuery, Store } from '../../store/store.js';
import { EVENT_CSV_HEADER, eventCsvLine, eventsTable, rowsFromStore } from '../format/events.js';
import { csvRow } from '../format/csv.js';

export async function runEvents(store: Store, query: EventQuery, format: 'table' | 'jsonl' | 'csv' | 'json', write: (s: string) => void): Promise<number> {
  const events = await store.events(query);
  if (format === 'jsonl') for (const e of events) write(JSON.stringify(e) + '\n');
  else if (format === 'json') write(JSON.stringify(events, null, 2) + '\n');
  else if (format === 'csv') {
    write(csvRow(EVENT_CSV_HEADER) + '\n');
    for (const row of rowsFromStore(events)) write(eventCsvLine(row) + '\n');
  } else {
    const stats = await store.stats();
    if (events.length === 0) write(`no events match (${stats.documents} documents, ${stats.events} events stored)\n`);
    else write(eventsTable(rowsFromStore(events)) + `\n${events.length} event(s) of ${stats.events} stored, from ${stats.documents} document(s)\n`);
  }
  return events.length;
}
