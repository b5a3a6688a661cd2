/**
 * The span invariant of the output contract, as a check: every located annotation lies inside the text and
 * (when it carries its text) equals `text.slice(start, end)`. Used by tests and by `npm run fuzz`.
 */
import type { CodedDocument } from '../core/contract.js';

export interface Located {
  readonly where: string;
  readonly start: number;
  readonly end: number;
  readonly text?: string;
}

/** Every located annotation of a coded document, with the text it claims to cover. */
export function locatedAnnotations(doc: CodedDocument): Located[] {
  const out: Located[] = [];
  if (doc.dateline) out.push({ where: 'dateline', ...doc.dateline });
  doc.sentences.forEach((s, i) => out.push({ where: `sentence ${i}`, start: s.start, end: s.end }));
  for (const layer of ['entities', 'dates', 'places', 'quantities', 'quotes'] as const) {
    for (const a of doc[layer]) out.push({ where: `${layer} ${a.id}`, start: a.start, end: a.end, text: a.text });
  }
  for (const r of doc.roles ?? []) out.push({ where: `role of ${r.actor}`, start: r.start, end: r.end });
  for (const i of doc.issues ?? []) out.push({ where: `issue ${i.code}`, start: i.start, end: i.end, text: i.text });
  for (const e of doc.events) {
    out.push({ where: `event ${e.id} trigger`, ...e.trigger });
    for (const arg of [e.source, e.target]) {
      if (arg?.start !== undefined && arg.end !== undefined) out.push({ where: `event ${e.id} argument`, start: arg.start, end: arg.end, ...(arg.text !== undefined ? { text: arg.text } : {}) });
    }
  }
  for (const d of doc.diagnostics) if (d.start !== undefined && d.end !== undefined) out.push({ where: `diagnostic ${d.code}`, start: d.start, end: d.end });
  return out;
}

/** The span problems of a coded document (empty when every span is in bounds and matches its text). */
export function spanProblems(doc: CodedDocument): string[] {
  const problems: string[] = [];
  for (const a of locatedAnnotations(doc)) {
    if (!(Number.isInteger(a.start) && Number.isInteger(a.end) && 0 <= a.start && a.start <= a.end && a.end <= doc.text.length)) {
      problems.push(`${a.where}: bad span [${a.start}, ${a.end}) in a text of ${doc.text.length}`);
    } else if (a.text !== undefined && doc.text.slice(a.start, a.end) !== a.text) {
      problems.push(`${a.where}: text ${JSON.stringify(a.text)} differs from its slice ${JSON.stringify(doc.text.slice(a.start, a.end))}`);
    }
  }
  return problems;
}
