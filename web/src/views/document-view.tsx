/**
 * Document: the article text with its annotations highlighted by layer (entities, actors, dates, places,
 * quotes, events), layers toggled on and off, and a side list of the annotations shown. The text is
 * rendered as text nodes only.
 */
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { HighlightedText } from '../components/highlighted-text';
import { useJson } from '../hooks';
import { href } from '../route';
import type { CodedDocument, DocumentSummary } from '../types';
import type { Highlight } from '../../../src/ui/segments';

export const LAYERS = ['entities', 'actors', 'dates', 'places', 'quotes', 'events'] as const;
export type Layer = (typeof LAYERS)[number];

interface Annotation extends Highlight<Layer> {
  text: string;
  detail: string;
}

/** Every annotation of a document with its span, by layer. */
export function annotationsOf(doc: CodedDocument): Annotation[] {
  const out: Annotation[] = [];
  const entityById = new Map(doc.entities.map((e) => [e.id, e] as const));
  for (const e of doc.entities) out.push({ layer: 'entities', id: e.id, start: e.start, end: e.end, text: e.text, detail: e.type, label: `entity ${e.type}` });
  for (const a of doc.actors) {
    for (const m of a.mentions) {
      const e = entityById.get(m);
      if (e) out.push({ layer: 'actors', id: `${a.id}/${m}`, start: e.start, end: e.end, text: e.text, detail: `${a.code} ${a.name}${a.title ? ` (${a.title})` : ''}`, label: `actor ${a.code} ${a.name}` });
    }
  }
  for (const d of doc.dates) out.push({ layer: 'dates', id: d.id, start: d.start, end: d.end, text: d.text, detail: `${d.type} ${d.value}${d.mod ? ` ${d.mod}` : ''}`, label: `date ${d.value}` });
  for (const p of doc.places) out.push({ layer: 'places', id: p.id, start: p.start, end: p.end, text: p.text, detail: `${p.name}, ${p.country} (${p.lat.toFixed(2)}, ${p.lon.toFixed(2)})`, label: `place ${p.name}, ${p.country}` });
  for (const q of doc.quotes) out.push({ layer: 'quotes', id: q.id, start: q.start, end: q.end, text: q.text, detail: q.speakerText ? `said by ${q.speakerText}` : 'speaker unknown', label: 'quote' });
  for (const ev of doc.events) {
    const who = `${ev.source?.code ?? '—'} → ${ev.target?.code ?? '—'}`;
    out.push({ layer: 'events', id: ev.id, start: ev.trigger.start, end: ev.trigger.end, text: ev.trigger.text, detail: `${ev.cameo.code} ${ev.plover.type} ${who} · ${ev.date.value}${ev.place ? ` · ${ev.place.name}` : ''}`, label: `event ${ev.cameo.code} ${who}` });
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

function DocumentList({ current }: { current?: string }): JSX.Element {
  const { data, error } = useJson<{ documents: DocumentSummary[] }>('/documents?limit=500');
  if (error) return <p class="error">{error}</p>;
  return (
    <nav class="doc-list" aria-label="Documents">
      <h3>Documents</h3>
      <ul>
        {(data?.documents ?? []).map((d) => (
          <li key={d.key} class={d.id === current ? 'current' : undefined}>
            <a href={href('document', d.id)}>{d.title ?? d.id}</a>
            <div class="muted">
              {d.source ?? 'unknown source'} · {d.published ?? 'undated'} · {d.events} events
            </div>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function DocumentView({ id }: { id?: string }): JSX.Element {
  const [shown, setShown] = useState<Record<Layer, boolean>>({ entities: false, actors: true, dates: true, places: true, quotes: true, events: true });
  const [selected, setSelected] = useState<string | null>(null);
  const { data: doc, error } = useJson<CodedDocument>(id ? `/documents/${encodeURIComponent(id)}` : null);
  const annotations = doc ? annotationsOf(doc) : [];
  const visible = annotations.filter((a) => shown[a.layer]);
  const select = (annotationId: string): void => {
    setSelected(annotationId);
    document.querySelector(`.doc-text mark[data-ids~="${CSS.escape(annotationId)}"]`)?.scrollIntoView({ block: "center" });
  };
  return (
    <section class="view document-view" aria-labelledby="document-title">
      <DocumentList current={id} />
      <div class="doc-main">
        {!id && <p class="muted">Choose a document.</p>}
        {error && <p class="error" role="alert">{error}</p>}
        {doc && (
          <>
            <h2 id="document-title">{doc.title ?? doc.id}</h2>
            <p class="muted">
              {doc.source ?? 'unknown source'} · published {doc.published ?? 'unknown'} · language {doc.language}
              {doc.url ? ' · ' : ''}
              {doc.url && <span class="url">{doc.url}</span>}
            </p>
            <fieldset class="layers" data-testid="layer-toggles">
              <legend>Layers</legend>
              {LAYERS.map((layer) => (
                <label key={layer} class={`layer-toggle hl-${layer}`}>
                  <input type="checkbox" name={layer} checked={shown[layer]} onChange={(e) => setShown({ ...shown, [layer]: e.currentTarget.checked })} />
                  {layer} ({annotations.filter((a) => a.layer === layer).length})
                </label>
              ))}
            </fieldset>
            <article class="doc-text" data-testid="document-text">
              <HighlightedText text={doc.text} spans={visible} selected={selected} onSelect={setSelected} />
            </article>
          </>
        )}
      </div>
      {doc && (
        <aside class="side-list" aria-label="Annotations" data-testid="annotation-list">
          <h3>Annotations ({visible.length})</h3>
          <ul>
            {visible.map((a) => (
              <li key={`${a.layer}/${a.id}`} data-annotation={a.id} class={`side-${a.layer}${a.id === selected ? ' current' : ''}`}>
                <button type="button" class="link" onClick={() => select(a.id)}>
                  <span class={`hl hl-${a.layer}`}>{a.layer.replace(/s$/, '')}</span> “{a.text}”
                </button>
                <div class="muted">{a.detail}</div>
              </li>
            ))}
          </ul>
        </aside>
      )}
    </section>
  );
}
