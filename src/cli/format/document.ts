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
  if (doc.actors.length > 0) {
    out.push(
      'ACTORS',
      renderTable(doc.actors, [
        { header: 'code', value: (a) => a.code },
        { header: 'name', value: (a) => a.name, max: 34 },
        { header: 'title', value: (a) => a.title ?? '', max: 36 },
        { header: 'from', value: (a) => a.basis ?? '' },
        { header: 'mentions', value: (a) => a.mentions.length, align: 'right' },
      ]),
      '',
    );
  }
  if (doc.quotes.length > 0) {
    const actorName = new Map(doc.actors.map((a) => [a.id, a.name] as const));
    out.push(
      'QUOTES',
      renderTable(doc.quotes, [
        { header: 'quote', value: (q) => q.text, max: 50 },
        { header: 'speaker', value: (q) => (q.speaker ? actorName.get(q.speaker) : undefined) ?? q.speakerText ?? '—', max: 30 },
        { header: 'as written', value: (q) => q.speakerText ?? '', max: 24 },
      ]),
      '',
    );
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
  if (doc.dates.length > 0) {
    out.push(
      'DATES',
      renderTable(doc.dates, [
        { header: 'text', value: (d) => d.text, max: 30 },
        { header: 'type', value: (d) => d.type },
        { header: 'value', value: (d) => `${d.value}${d.mod ? ` (${d.mod})` : ''}` },
        { header: 'span', value: (d) => `${d.start}–${d.end}` },
      ]),
      '',
    );
  }
  if (doc.places.length > 0) {
    out.push(
      'PLACES',
      renderTable(doc.places, [
        { header: 'text', value: (p) => p.text, max: 24 },
        { header: 'place', value: (p) => `${p.name}${p.admin1 ? `, ${p.admin1}` : ''}`, max: 36 },
        { header: 'country', value: (p) => p.country },
        { header: 'lat', value: (p) => p.lat.toFixed(2), align: 'right' },
        { header: 'lon', value: (p) => p.lon.toFixed(2), align: 'right' },
        { header: 'kind', value: (p) => p.featureCode ?? '' },
      ]),
      '',
    );
  }
  if (doc.quantities.length > 0) {
    out.push(
      'QUANTITIES',
      renderTable(doc.quantities, [
        { header: 'text', value: (q) => q.text, max: 36 },
        { header: 'value', value: (q) => q.value, align: 'right' },
        { header: 'qualifier', value: (q) => q.qualifier ?? '' },
        { header: 'noun', value: (q) => q.noun ?? '' },
        { header: 'unit', value: (q) => q.unit ?? '' },
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
