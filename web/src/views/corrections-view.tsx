/** Corrections: the analysts' layer — every correction with who, when, what it changed, and the event it applies to now. */
import type { JSX } from 'preact';
import { useJson } from '../hooks';
import { href } from '../route';
import type { Correction } from '../types';

interface Props {
  cameoName: (code: string) => string;
  refresh: number;
}

function describe(value: unknown, cameoName: (code: string) => string): string {
  if (value === null) return 'none';
  if (value === undefined) return '';
  const v = value as { code?: string; name?: string; value?: string; country?: string };
  if (typeof v.value === 'string') return v.value;
  if (typeof v.code === 'string' && /^\d+$/.test(v.code)) return `${v.code} ${cameoName(v.code)}`;
  if (typeof v.code === 'string') return v.name ? `${v.code} (${v.name})` : v.code;
  if (typeof v.name === 'string') return `${v.name}, ${v.country ?? ''}`;
  return JSON.stringify(value);
}

export function CorrectionHistory({ corrections, cameoName }: { corrections: Correction[]; cameoName: (code: string) => string }): JSX.Element {
  return (
    <table class="corrections" data-testid="corrections-table">
      <thead>
        <tr>
          <th>When (UTC)</th>
          <th>Who</th>
          <th>What</th>
          <th>Changes (coded → corrected)</th>
          <th>Applies to</th>
        </tr>
      </thead>
      <tbody>
        {[...corrections].reverse().map((c) => (
          <tr key={c.id}>
            <td class="nowrap">{c.at.replace('T', ' ').slice(0, 16)}</td>
            <td>{c.author}</td>
            <td>
              <span class={`badge badge-${c.kind}`}>{c.kind === 'wrong' ? 'marked wrong' : c.kind === 'revert' ? 'withdrawn' : 'corrected'}</span>
              {c.note ? <div class="muted">“{c.note}”</div> : null}
            </td>
            <td>
              {(Object.keys(c.fields) as Array<keyof Correction['fields']>)
                .filter((f) => f !== 'plover')
                .map((f) => (
                  <div key={f}>
                    {f}: <del>{describe(c.original[f], cameoName)}</del> → <strong>{describe(c.fields[f], cameoName)}</strong>
                  </div>
                ))}
              <div class="muted">
                on “{c.anchor.trigger.text}” in {c.anchor.documentId}
              </div>
            </td>
            <td>{c.current ? <a href={href('event', c.current.clusterId)}>{c.current.clusterId}</a> : <span class="muted">no event at its place since recoding</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CorrectionsView({ cameoName, refresh }: Props): JSX.Element {
  const { data, error } = useJson<{ count: number; corrections: Correction[] }>('/corrections', refresh);
  return (
    <section class="view" aria-labelledby="corrections-title">
      <h2 id="corrections-title">Corrections {data && <span class="count">{data.count}</span>}</h2>
      <p class="hint">
        Analysts’ corrections are a layer of their own: the coded values stay, every correction records who made it and when, exports flag corrected events
        (<code>corrected</code>, <code>marked_wrong</code>), and a correction stays with its report when the stories are coded again (<code>herodotus recode</code>).
      </p>
      {error && <p class="error" role="alert">{error}</p>}
      {data && data.count === 0 && <p class="muted">No corrections yet. Open an event to correct it.</p>}
      {data && data.count > 0 && <CorrectionHistory corrections={data.corrections} cameoName={cameoName} />}
    </section>
  );
}
