/**
 * Ordered passes over the drafts of one sentence, after recognition:
 *  1. `selectLongest` — overlapping drafts: the longest span wins; on a tie, the earlier rule.
 *  2. `anchorClocks` — "on Friday at 3 p.m.": a clock time right after (or right before) a day date
 *     takes that day instead of the publication date; "10 p.m. Wednesday" becomes one TIME mention.
 *  3. `anchorThisMonth` — "this month" belongs to the event of its sentence: when the sentence already
 *     holds an explicit past DATE naming another month ("on December 27 … this month"), "this month"
 *     is that date's month rather than the publication month.
 */
import type { Draft } from './rules.js';

export interface Resolved {
  draft: Draft;
  start: number;
  end: number;
  type: Draft['type'];
  value: string;
  rule: string;
  reason?: string;
}

export function selectLongest(drafts: readonly Draft[]): Draft[] {
  const order = drafts.map((d, i) => ({ d, i }));
  order.sort((a, b) => (b.d.end - b.d.start) - (a.d.end - a.d.start) || a.i - b.i);
  const chosen: Draft[] = [];
  for (const { d } of order) {
    if (chosen.every((c) => d.end <= c.start || d.start >= c.end)) chosen.push(d);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

const DAY = /^\d{4}-\d{2}-\d{2}$|^XXXX-/;

export function anchorClocks(mentions: Resolved[], text: string): Resolved[] {
  const out: Resolved[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const clock = m.draft.tags?.clock;
    if (m.type !== 'TIME' || !clock || !('hour' in clock)) { out.push(m); continue; }
    const time = m.value.slice(m.value.indexOf('T'));
    const prev = out[out.length - 1];
    const next = mentions[i + 1];
    if (prev && prev.draft.tags?.dayDate && DAY.test(prev.value) && /^\s*,?\s*(?:at|around|about|by|from|after|before)?\s*$/i.test(text.slice(prev.end, m.start))) {
      out.push({ ...m, value: `${prev.value.slice(0, 10)}${time}`, reason: `time of the day "${prev.draft ? text.slice(prev.start, prev.end) : ''}"` });
    } else if (next && next.draft.tags?.dayDate && DAY.test(next.value) && /^\s*,?\s*(?:on\s+)?$/i.test(text.slice(m.end, next.start))) {
      const gap = text.slice(m.end, next.start);
      if (/^\s+$/.test(gap)) {
        out.push({ ...m, end: next.end, value: `${next.value.slice(0, 10)}${time}`, rule: `${m.rule}+${next.rule}`, reason: 'clock time and its day' });
        i++;
      } else {
        out.push({ ...m, value: `${next.value.slice(0, 10)}${time}`, reason: 'time of the following day' });
      }
    } else out.push(m);
  }
  return out;
}

export function anchorThisMonth(mentions: Resolved[], publishedMonth: string | null): Resolved[] {
  if (publishedMonth === null) return mentions;
  const explicit = mentions.find((m) => m.type === 'DATE' && m.draft.tags?.namedMonth && /^\d{4}-\d{2}/.test(m.value) && m.value.slice(0, 7) < publishedMonth);
  if (!explicit) return mentions;
  const month = explicit.value.slice(0, 7);
  return mentions.map((m) => (m.draft.tags?.thisMonth ? { ...m, value: month, rule: `${m.rule}+event-month`, reason: `"this month" of the event dated ${explicit.value} in the same sentence` } : m));
}
