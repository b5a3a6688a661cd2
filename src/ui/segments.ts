/**
 * Highlighting without HTML: a text and its annotated spans become a list of plain segments, each with the
 * spans that cover it, for the web UI to render as text nodes (never as markup). Overlapping and nested
 * spans are allowed (a quote holding a name and a date). Offsets are UTF-16 code units, half-open, as
 * everywhere in Herodotus. Pure: shared by the web UI (web/) and its tests.
 */

export interface Highlight<L extends string = string> {
  start: number;
  end: number;
  layer: L;
  /** The annotation's id (to link a segment back to the side list). */
  id: string;
  /** What a tooltip says about it. */
  label?: string;
}

export interface Segment<L extends string = string> {
  start: number;
  end: number;
  text: string;
  /** The spans covering this segment, shortest first (the most specific decides how it looks). */
  covering: Array<Highlight<L>>;
}

/**
 * Cuts `text` (or its part from `offset`, when the spans are in the offsets of a longer text) at every span
 * boundary. Spans reaching outside the text are clipped; empty ones are dropped.
 */
export function segmentText<L extends string>(text: string, spans: ReadonlyArray<Highlight<L>>, offset = 0): Array<Segment<L>> {
  const end = offset + text.length;
  const clipped = spans
    .map((s) => ({ ...s, start: Math.max(s.start, offset), end: Math.min(s.end, end) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set<number>([offset, end]);
  for (const s of clipped) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Array<Segment<L>> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = clipped.filter((s) => s.start <= a && s.end >= b).sort((x, y) => x.end - x.start - (y.end - y.start) || x.layer.localeCompare(y.layer));
    out.push({ start: a, end: b, text: text.slice(a - offset, b - offset), covering });
  }
  return out;
}
