/**
 * Finding a corrected report's event in a document's current coding. A correction is anchored to the
 * report it was made on (document id, trigger span, sentence span; see CorrectionAnchor), because event ids
 * and clusters may change when a document is coded again but its text never does. Pure: no I/O.
 */
import type { CorrectionAnchor } from '../store/store.js';

interface Span {
  readonly start: number;
  readonly end: number;
}

interface AnchoredEvent {
  readonly id: string;
  readonly sentence: number;
  readonly trigger: Span;
  readonly source: { readonly code: string } | null;
  readonly target: { readonly code: string } | null;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** Among events found at the anchor, the one with its source and target; else its source or target; else the first. */
function best<E extends AnchoredEvent>(found: readonly E[], anchor: Pick<CorrectionAnchor, 'source' | 'target'>): E | null {
  const code = (a: { readonly code: string } | null): string | null => a?.code ?? null;
  return (
    found.find((e) => code(e.source) === anchor.source && code(e.target) === anchor.target) ??
    found.find((e) => (anchor.source !== null && code(e.source) === anchor.source) || (anchor.target !== null && code(e.target) === anchor.target)) ??
    found[0] ??
    null
  );
}

/**
 * The event of `doc` the anchor points at, in this order: the event with the same trigger span; else the
 * one whose trigger overlaps it (a trigger grown or shrunk by a word); else the only event in the same
 * sentence. Where several events share the trigger ("Mexico and the United States to visit the Darién"),
 * the one with the anchor's source and target codes wins. Null when none is left there (the coder no longer
 * finds an event in that sentence, or finds several and none at the trigger): the correction is then kept
 * but applies to nothing.
 */
export function resolveAnchor<E extends AnchoredEvent>(anchor: Pick<CorrectionAnchor, 'sentence' | 'trigger' | 'source' | 'target'>, doc: { events: readonly E[]; sentences: readonly Span[] }): E | null {
  const exact = doc.events.filter((e) => e.trigger.start === anchor.trigger.start && e.trigger.end === anchor.trigger.end);
  if (exact.length > 0) return best(exact, anchor);
  const overlapping = doc.events.filter((e) => overlaps(e.trigger, anchor.trigger));
  if (overlapping.length > 0) return best(overlapping, anchor);
  const inSentence = doc.events.filter((e) => {
    const s = doc.sentences[e.sentence];
    return s !== undefined && s.start === anchor.sentence.start && s.end === anchor.sentence.end;
  });
  return inSentence.length === 1 ? inSentence[0] : null;
}
