import type { CodedDocument } from '../../core/contract.js';
import type { StoredEvent } from '../../store/store.js';
import { csvRow } from './csv.js';
import { renderTable, type Column } from './table.js';

/** One event as the CLI shows it, whether it comes from a coded document or the store. */
export interface EventRow {
  document: string;
  date: string;
  source: string;
  cameo: string;
  plover: string;
  target: string;
  place: string;
  goldstein: number;
  quadClass: number;
  trigger: string;
  rule: string;
}

export function rowsFromDocument(doc: CodedDocument): EventRow[] {
  return doc.events.map((e) => ({
    document: doc.id,
    date: e.date.value,
    source: e.source ? `${e.source.code}${e.source.name ? ` (${e.source.name})` : ''}` : '',
    cameo: e.cameo.code,
    plover: e.plover.type,
    target: e.target ? `${e.target.code}${e.target.name ? ` (${e.target.name})` : ''}` : '',
    place: e.place ? `${e.place.name}, ${e.place.country}` : '',
    goldstein: e.cameo.goldstein,
    quadClass: e.cameo.quadClass,
    trigger: e.trigger.text,
    rule: e.rule,
  }));
}

export function rowsFromStore(events: readonly StoredEvent[]): EventRow[] {
  return events.map((e) => ({
    document: e.documentId,
    date: e.date,
    source: e.sourceCode ? `${e.sourceCode}${e.sourceName ? ` (${e.sourceName})` : ''}` : '',
    cameo: e.cameo,
    plover: e.plover,
    target: e.targetCode ? `${e.targetCode}${e.targetName ? ` (${e.targetName})` : ''}` : '',
    place: e.placeName ? `${e.placeName}${e.placeCountry ? `, ${e.placeCountry}` : ''}` : '',
    goldstein: e.goldstein,
    quadClass: e.quadClass,
    trigger: e.trigger,
    rule: e.rule,
  }));
}

const COLUMNS: ReadonlyArray<Column<EventRow>> = [
  { header: 'date', value: (r) => r.date, max: 10 },
  { header: 'source', value: (r) => r.source, max: 30 },
  { header: 'action', value: (r) => `${r.cameo} ${r.plover}`, max: 24 },
  { header: 'target', value: (r) => r.target, max: 30 },
  { header: 'place', value: (r) => r.place, max: 24 },
  { header: 'goldstein', value: (r) => r.goldstein.toFixed(1), align: 'right' },
  { header: 'trigger', value: (r) => r.trigger, max: 20 },
  { header: 'document', value: (r) => r.document, max: 30 },
];

export function eventsTable(rows: readonly EventRow[]): string {
  return renderTable(rows, COLUMNS);
}

export const EVENT_CSV_HEADER = ['document', 'date', 'source', 'cameo', 'plover', 'target', 'place', 'goldstein', 'quad_class', 'trigger', 'rule'];

export function eventCsvLine(r: EventRow): string {
  return csvRow([r.document, r.date, r.source, r.cameo, r.plover, r.target, r.place, r.goldstein, r.quadClass, r.trigger, r.rule]);
}
