/**
 * Add news: paste a story or drop files (plain text, with an optional NAME.meta.json sidecar; HTML pages are
 * reduced to their text here), give the publication date, and each is coded and stored through
 * POST /documents with the API key.
 */
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { postJson } from '../api';
import { href } from '../route';
import type { Settings } from '../settings';
import type { Info } from '../types';

interface Props {
  info: Info | null;
  settings: Settings;
  onAdded: () => void;
}

interface Story {
  name: string;
  id?: string;
  text: string;
  published?: string;
  source?: string;
  title?: string;
  url?: string;
}

interface Outcome {
  name: string;
  ok: boolean;
  message: string;
  id?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The text of an HTML page, never run or rendered: parsed into an inert document, scripts and styles dropped. */
function htmlText(html: string): { text: string; title?: string } {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of doc.querySelectorAll('script, style, noscript, template')) el.remove();
  const text = (doc.body?.innerText || doc.body?.textContent || '').replace(/\n{3,}/g, '\n\n').trim();
  const title = doc.title.trim();
  return { text, ...(title ? { title } : {}) };
}

/** Stories from dropped or chosen files: NAME.txt (or .html) with NAME.meta.json beside it when given. */
async function storiesOf(files: readonly File[]): Promise<Story[]> {
  const metas = new Map<string, Partial<Story>>();
  for (const f of files) {
    if (!f.name.endsWith('.meta.json')) continue;
    try {
      metas.set(f.name.slice(0, -'.meta.json'.length), JSON.parse(await f.text()) as Partial<Story>);
    } catch {
      // not JSON: ignored
    }
  }
  const out: Story[] = [];
  for (const f of files) {
    if (f.name.endsWith('.json')) continue;
    const base = f.name.replace(/\.[^.]+$/, '');
    const meta = metas.get(base) ?? {};
    const raw = await f.text();
    const page = /\.html?$/i.test(f.name) ? htmlText(raw) : { text: raw };
    const title = meta.title ?? ('title' in page ? page.title : undefined);
    out.push({
      name: f.name,
      text: page.text,
      ...(typeof meta.id === 'string' ? { id: meta.id } : {}),
      ...(typeof meta.published === 'string' ? { published: meta.published } : {}),
      ...(typeof meta.source === 'string' ? { source: meta.source } : {}),
      ...(title ? { title } : {}),
      ...(typeof meta.url === 'string' ? { url: meta.url } : {}),
    });
  }
  return out;
}

export function AddNewsView({ info, settings, onAdded }: Props): JSX.Element {
  const [text, setText] = useState('');
  const [published, setPublished] = useState('');
  const [source, setSource] = useState('');
  const [title, setTitle] = useState('');
  const [files, setFiles] = useState<Story[]>([]);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  const addFiles = async (list: FileList | null): Promise<void> => {
    if (!list) return;
    setFiles([...files, ...(await storiesOf([...list]))]);
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const stories: Story[] = [...files];
    if (text.trim()) stories.unshift({ name: 'pasted text', text, ...(title.trim() ? { title: title.trim() } : {}) });
    if (stories.length === 0) {
      setOutcomes([{ name: 'nothing to add', ok: false, message: 'Paste a story or drop files first.' }]);
      return;
    }
    const missing = stories.filter((s) => !(s.published ?? published));
    if (missing.length > 0 || (published && !DATE.test(published))) {
      setOutcomes([{ name: missing[0]?.name ?? 'date', ok: false, message: 'Give the publication date (YYYY-MM-DD): relative dates in the story ("on Friday") are resolved against it.' }]);
      return;
    }
    setBusy(true);
    const results: Outcome[] = [];
    for (const s of stories) {
      try {
        const body = { text: s.text, ...(s.id ? { id: s.id } : {}), published: s.published ?? published, ...(s.source ?? source.trim() ? { source: s.source ?? source.trim() } : {}), ...(s.title ? { title: s.title } : {}), ...(s.url ? { url: s.url } : {}) };
        const a = await postJson<{ id: string; stored: boolean; events?: number; duplicate?: string }>('/documents', body, settings.apiKey);
        results.push({ name: s.name, ok: true, id: a.id, message: a.stored ? `stored as ${a.id}: ${a.events ?? 0} events coded` : `already stored as ${a.id} (${a.duplicate ?? 'duplicate'})` });
      } catch (error) {
        results.push({ name: s.name, ok: false, message: (error as Error).message });
      }
    }
    setOutcomes(results);
    setBusy(false);
    if (results.some((r) => r.ok)) {
      setText('');
      setFiles([]);
      onAdded();
    }
  };

  return (
    <section class="view add-news" aria-labelledby="add-title">
      <h2 id="add-title">Add news</h2>
      {info && !info.writes && (
        <p class="notice">This server was started without an API key, so it stores nothing sent to it. Start it with <code>herodotus serve --api-key KEY</code> and enter the key at the top of the page.</p>
      )}
      <form onSubmit={(e) => void submit(e)} data-testid="add-form">
        <label class="block">
          <span>Story text</span>
          <textarea name="text" rows={12} value={text} placeholder="Paste the article here (plain text)." onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <div
          class={`drop-zone${dragging ? ' dragging' : ''}`}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void addFiles(e.dataTransfer?.files ?? null);
          }}
        >
          Drop .txt or .html files here (a NAME.meta.json beside NAME.txt gives its date, source, title and URL), or{' '}
          <label class="file-pick">
            choose files
            <input type="file" name="files" multiple accept=".txt,.text,.md,.html,.htm,.json" onChange={(e) => void addFiles(e.currentTarget.files)} />
          </label>
          {files.length > 0 && (
            <ul class="file-list">
              {files.map((f) => (
                <li key={f.name}>
                  {f.name} · {f.text.length} characters · {f.published ?? 'date from the form'}
                  {f.source ? ` · ${f.source}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="row">
          <label>
            <span>Publication date</span>
            <input name="published" type="date" value={published} onInput={(e) => setPublished(e.currentTarget.value)} />
          </label>
          <label>
            <span>Source</span>
            <input name="source" value={source} placeholder="e.g. EFE" onInput={(e) => setSource(e.currentTarget.value)} />
          </label>
          <label>
            <span>Title</span>
            <input name="title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={busy || (info !== null && !info.writes)}>
            {busy ? 'Coding…' : 'Code and store'}
          </button>
        </div>
      </form>
      {outcomes.length > 0 && (
        <ul class="outcomes" data-testid="add-outcomes">
          {outcomes.map((o) => (
            <li key={o.name} class={o.ok ? 'ok' : 'error'}>
              {o.name}: {o.message} {o.id && <a href={href('document', o.id)}>open the document</a>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
