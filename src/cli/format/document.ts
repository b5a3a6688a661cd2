import type { CodedDocument } from '../../core/contract.js';
import { eventsTable, rowsFromDocument } from './events.js';
import { renderTable } from './table.js';

/** A readable summary of one coded document: header, events, entities, diagnostics worth seeing. */
export function documentTable(doc: CodedDocument): string {
  const out: string[] = [];
  const head = [`${doc.id}`, doc.published ? `published ${doc.published}` : 'no publication date', doc.source ? `source ${doc.source}` : '', `language ${doc.language}`];
  out.push(head.filter(Boolean).join(' · '));
  if (doc.dateline) out.push(`dateline: ${doc.dateline.text}`);
  out.push(`${doc.sentences.length} sentences · ${doc.entities.length} entities · ${doc.actors.length} actors · ${doc.dates.length} dates · ${doc.places.length} places · ${doc.events.length} events`);
  out.push('');
  if (doc.events.length > 0) {
    out.push('EVENTS', eventsTable(rowsFromDocument(doc)), '');
  } else {
    out.push('EVENTS: none coded', '');
  }
  if (doc.entities.length > 0) {
    out.push(
      'ENTITIES',
      renderTable(doc.entities, [
        { header: 'type', value: (e) => e.type },
        { header: 'text', value: (e) => e.text, max: 40 },
        { header: 'span', value: (e) => `${e.start}–${e.end}` },
        { header: 'confidence', value: (e) => (e.prov.confidence ?? 0).toFixed(2), align: 'right' },
      ]),
      '',
    );
  }
  const notable = doc.diagnostics.filter((d) => d.severity !== 'info');
  if (notable.length > 0) {
    out.push('DIAGNOSTICS');
    for (const d of notable) out.push(`  ${d.severity} ${d.code}: ${d.message}`);
    out.push('');
  }
  return out.join('\n');
}
