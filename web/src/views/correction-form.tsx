/**
 * The correction form of an event: CAMEO code, source, target, date, place — or mark it wrong, or withdraw
 * the corrections in force. Sent with the analyst's name and the API key; stored as its own layer.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JSX, TargetedEvent } from 'preact';
import { postJson } from '../api';
import { useJson } from '../hooks';
import type { Settings } from '../settings';
import type { CameoCode, CodedDocument, EventCluster, Info } from '../types';

interface Props {
  event: EventCluster;
  info: Info | null;
  cameo: CameoCode[];
  settings: Settings;
  onSaved: () => void;
}

interface Draft {
  author: string;
  cameo: string;
  sourceCode: string;
  sourceName: string;
  targetCode: string;
  targetName: string;
  date: string;
  place: string;
  note: string;
}

const placeKey = (p: { name: string; country: string } | null): string => (p ? `${p.name}|${p.country}` : '');

function draftOf(ev: EventCluster, author: string): Draft {
  return {
    author,
    cameo: ev.cameo.code,
    sourceCode: ev.source?.code ?? '',
    sourceName: ev.source?.name ?? '',
    targetCode: ev.target?.code ?? '',
    targetName: ev.target?.name ?? '',
    date: ev.date.value,
    place: placeKey(ev.place),
    note: '',
  };
}

export function CorrectionForm({ event, info, cameo, settings, onSaved }: Props): JSX.Element {
  const [draft, setDraft] = useState<Draft>(() => draftOf(event, settings.author));
  const [status, setStatus] = useState<{ error?: string; done?: string }>({});
  useEffect(() => setDraft(draftOf(event, settings.author || draft.author)), [event]);
  const doc = useJson<CodedDocument>(`/documents/${encodeURIComponent(event.representative.documentId)}`);
  const coded = event.correction?.coded ?? event;
  const places = new Map<string, { name: string; country: string; lat: number; lon: number }>();
  for (const p of [event.place, coded.place]) if (p && p.lat !== null && p.lon !== null) places.set(placeKey(p), { name: p.name, country: p.country, lat: p.lat, lon: p.lon });
  for (const p of doc.data?.places ?? []) places.set(placeKey(p), { name: p.name, country: p.country, lat: p.lat, lon: p.lon });
  const set = (name: keyof Draft) => (e: TargetedEvent<HTMLInputElement | HTMLSelectElement>) => setDraft({ ...draft, [name]: e.currentTarget.value });

  const disabled = !info?.writes;
  const send = async (kind: 'correct' | 'wrong' | 'revert'): Promise<void> => {
    if (!draft.author.trim()) {
      setStatus({ error: 'Give your name: every correction records who made it.' });
      return;
    }
    const body: Record<string, unknown> = { kind, author: draft.author.trim(), ...(draft.note.trim() ? { note: draft.note.trim() } : {}) };
    if (kind === 'correct') {
      const actorOf = (code: string, name: string): { code: string; name?: string } | null => (code.trim() ? { code: code.trim().toUpperCase(), ...(name.trim() ? { name: name.trim() } : {}) } : null);
      const source = actorOf(draft.sourceCode, draft.sourceName);
      const target = actorOf(draft.targetCode, draft.targetName);
      // Every field that differs from the coder's value: the latest correction of an event states all it changes.
      if (draft.cameo !== coded.cameo.code) body.cameo = draft.cameo;
      if (JSON.stringify(source) !== JSON.stringify(coded.source ? { code: coded.source.code, ...(coded.source.name ? { name: coded.source.name } : {}) } : null)) body.source = source;
      if (JSON.stringify(target) !== JSON.stringify(coded.target ? { code: coded.target.code, ...(coded.target.name ? { name: coded.target.name } : {}) } : null)) body.target = target;
      if (draft.date.trim() !== coded.date.value) body.date = draft.date.trim();
      if (draft.place !== placeKey(coded.place)) body.place = draft.place ? (places.get(draft.place) ?? null) : null;
      if (Object.keys(body).every((k) => ['kind', 'author', 'note'].includes(k))) {
        setStatus({ error: 'Nothing differs from the coded values: change a field, or mark the event wrong.' });
        return;
      }
    }
    try {
      await postJson(`/events/${encodeURIComponent(event.id)}/corrections`, body, settings.apiKey);
      setStatus({ done: kind === 'wrong' ? 'Marked wrong.' : kind === 'revert' ? 'Corrections withdrawn.' : 'Correction saved.' });
      onSaved();
    } catch (error) {
      setStatus({ error: (error as Error).message });
    }
  };

  return (
    <form
      class="correction-form"
      data-testid="correction-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send('correct');
      }}
    >
      {disabled && <p class="notice">This server was started without an API key, so corrections are off. Start it with <code>herodotus serve --api-key KEY</code> and enter the key at the top of the page.</p>}
      <fieldset disabled={disabled}>
        <label>
          <span>Your name</span>
          <input name="author" value={draft.author} required onInput={set('author')} />
        </label>
        <label class="wide">
          <span>CAMEO code</span>
          <select name="cameo" value={draft.cameo} onChange={set('cameo')}>
            {!cameo.some((c) => c.code === draft.cameo) && <option value={draft.cameo}>{draft.cameo}</option>}
            {cameo.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} {c.name} ({c.goldstein > 0 ? '+' : ''}
                {c.goldstein})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Source code</span>
          <input name="sourceCode" value={draft.sourceCode} placeholder="e.g. USAGOV" onInput={set('sourceCode')} />
        </label>
        <label>
          <span>Source name</span>
          <input name="sourceName" value={draft.sourceName} onInput={set('sourceName')} />
        </label>
        <label>
          <span>Target code</span>
          <input name="targetCode" value={draft.targetCode} placeholder="e.g. MEXGOV" onInput={set('targetCode')} />
        </label>
        <label>
          <span>Target name</span>
          <input name="targetName" value={draft.targetName} onInput={set('targetName')} />
        </label>
        <label>
          <span>Date</span>
          <input name="date" value={draft.date} placeholder="YYYY-MM-DD" pattern="\d{4}(-\d{2}(-\d{2})?)?" onInput={set('date')} />
        </label>
        <label class="wide">
          <span>Place</span>
          <select name="place" value={draft.place} onChange={set('place')}>
            <option value="">no place</option>
            {[...places].map(([key, p]) => (
              <option key={key} value={key}>
                {p.name}, {p.country}
              </option>
            ))}
          </select>
        </label>
        <label class="wide">
          <span>Note</span>
          <input name="note" value={draft.note} placeholder="why (optional)" onInput={set('note')} />
        </label>
        <div class="buttons">
          <button type="submit">Save correction</button>
          <button type="button" class="danger" onClick={() => void send('wrong')}>
            Mark wrong
          </button>
          {event.correction && (
            <button type="button" class="secondary" onClick={() => void send('revert')}>
              Withdraw corrections
            </button>
          )}
        </div>
      </fieldset>
      {status.error && <p class="error" role="alert">{status.error}</p>}
      {status.done && <p class="ok" role="status">{status.done}</p>}
    </form>
  );
}
