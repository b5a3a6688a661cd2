/** One event: its fields (as corrected, with the coded values beside them), every mention with its highlighted evidence, and corrections. */
import type { JSX } from 'preact';
import { HighlightedText } from '../components/highlighted-text';
import { goldsteinColor, QUAD_NAMES } from '../colors';
import { useJson } from '../hooks';
import { href } from '../route';
import type { Settings } from '../settings';
import type { Actor, CameoCode, EventDetail as Detail, Info } from '../types';
import { CorrectionForm } from './correction-form';
import { CorrectionHistory } from './corrections-view';

interface Props {
  id: string;
  info: Info | null;
  cameo: CameoCode[];
  cameoName: (code: string) => string;
  settings: Settings;
  refresh: number;
  onChanged: () => void;
}

const actor = (a: Actor | null): string => (a ? (a.name ? `${a.code} · ${a.name}` : a.code) : '—');
const ROLES = ['trigger', 'source', 'target', 'date', 'place'] as const;

export function EventDetail({ id, info, cameo, cameoName, settings, refresh, onChanged }: Props): JSX.Element {
  const { data: ev, error } = useJson<Detail>(`/events/${encodeURIComponent(id)}`, refresh);
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!ev) return <p class="muted">Loading…</p>;
  const k = ev.correction;
  const was = (field: string, now: string, coded: string): JSX.Element =>
    k && k.fields.includes(field) && now !== coded ? (
      <>
        <span class="corrected-value">{now}</span> <del class="coded-value" title="as coded">{coded}</del>
      </>
    ) : (
      <>{now}</>
    );
  return (
    <section class="view event-detail" aria-labelledby="event-title" data-testid="event-detail">
      <p>
        <a href={href('events')}>← Events</a>
      </p>
      <h2 id="event-title">
        <span class="code">{ev.cameo.code}</span> {cameoName(ev.cameo.code)}
        {k && <span class={`badge badge-${k.kind}`}>{k.kind === 'wrong' ? 'marked wrong' : 'corrected'}</span>}
      </h2>
      {k && (
        <p class="correction-note" data-testid="correction-note">
          {k.kind === 'wrong' ? 'Marked wrong' : `Corrected (${k.fields.filter((f) => f !== 'plover').join(', ')})`} by <strong>{k.author}</strong> on {k.at.replace('T', ' ').slice(0, 16)} UTC
          {k.note ? ` — “${k.note}”` : ''}
        </p>
      )}
      <dl class="fields">
        <dt>Action</dt>
        <dd>{was('cameo', `${ev.cameo.code} ${cameoName(ev.cameo.code)}`, k ? `${k.coded.cameo.code} ${cameoName(k.coded.cameo.code)}` : '')} · PLOVER {ev.plover.type || '—'}{ev.plover.mode ? ` (${ev.plover.mode})` : ''}</dd>
        <dt>Source</dt>
        <dd>{was('source', actor(ev.source), k ? actor(k.coded.source) : '')}</dd>
        <dt>Target</dt>
        <dd>{was('target', actor(ev.target), k ? actor(k.coded.target) : '')}</dd>
        <dt>Date</dt>
        <dd>{was('date', `${ev.date.value} (${ev.date.precision})`, k ? `${k.coded.date.value} (${k.coded.date.precision})` : '')}</dd>
        <dt>Place</dt>
        <dd>{was('place', ev.place ? `${ev.place.name}, ${ev.place.country}` : '—', k?.coded.place ? `${k.coded.place.name}, ${k.coded.place.country}` : '—')}</dd>
        <dt>Goldstein</dt>
        <dd>
          <span class="swatch" style={{ background: goldsteinColor(ev.cameo.goldstein) }} />
          {ev.cameo.goldstein.toFixed(1)} · QuadClass {ev.cameo.quadClass} {QUAD_NAMES[String(ev.cameo.quadClass)]}
        </dd>
        <dt>Reports</dt>
        <dd>
          {ev.numMentions} mentions in {ev.numArticles} articles from {ev.numSources} sources, first seen {ev.firstSeen}, last seen {ev.lastSeen}
          {ev.modality.negated || ev.modality.future || ev.modality.hypothetical ? ` · ${Object.entries(ev.modality).filter(([, v]) => v).map(([m]) => m).join(', ')}` : ''}
        </dd>
      </dl>

      <h3>Mentions</h3>
      <p class="legend" aria-label="Legend">
        {ROLES.map((r) => (
          <mark key={r} class={`hl hl-${r}`}>
            {r}
          </mark>
        ))}
      </p>
      <ol class="mentions" data-testid="mentions">
        {ev.mentions.map((m) => (
          <li key={m.mentionId} class="mention" data-document={m.documentId}>
            <div class="mention-head">
              <strong>{m.outlet ?? m.countedOutlet}</strong> · {m.published ?? 'undated'} · <a href={href('document', m.documentId)}>{m.title ?? m.documentId}</a>
              {m.copyOf && <span class="muted"> · reprint of {m.copyOf}</span>}
            </div>
            <blockquote class="evidence">
              <HighlightedText
                text={m.evidence}
                offset={m.sentenceStart}
                spans={m.spans.map((s, i) => ({ start: s.start, end: s.end, layer: s.role, id: `${m.mentionId}/${i}`, label: `${s.role}: ${s.text}` }))}
              />
            </blockquote>
            <div class="mention-foot muted">
              coded {m.cameo} {m.sourceCode ?? '—'} → {m.targetCode ?? '—'} · {m.date}
              {m.placeName ? ` · ${m.placeName}` : ''} · linked {m.score.toFixed(2)}: {m.reason}
            </div>
          </li>
        ))}
      </ol>

      <h3>Correct this event</h3>
      <CorrectionForm event={ev} info={info} cameo={cameo} settings={settings} onSaved={onChanged} />
      {ev.corrections.length > 0 && (
        <>
          <h3>Corrections on record</h3>
          <CorrectionHistory corrections={ev.corrections} cameoName={cameoName} />
        </>
      )}
    </section>
  );
}
