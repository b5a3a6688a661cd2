/**
 * The tense of the clause a temporal expression belongs to, which decides whether "Friday" or
 * "December 27" points back or forward from the publication date.
 *
 * With a `pos` + `deps` layer: the governing verb of the expression (following heads upwards) and its
 * auxiliaries (MD will/shall/'ll → future; VBD/VBN → past). Without them, or when no verb governs the
 * expression: the nearest tense cue of the sentence outside the expression (data/time/tense-cues.tsv,
 * plus lowercase -ed words), left of it winning ties.
 */
import type { Dependency, PosTag, Token } from '../../core/layers.js';
import type { Tense, TimeLexicon } from './lexicon.js';

export type ClauseTense = Tense | 'unknown';

export interface SentenceView {
  readonly tokens: readonly Token[];
  /** Index of the sentence's first token in the tokens layer, and one past its last. */
  readonly tokenStart: number;
  readonly tokenEnd: number;
  readonly pos: readonly PosTag[] | null;
  readonly deps: readonly Dependency[] | null;
}

const NEEDS_TO = new Set(['going', 'plans', 'plan', 'due', 'expected', 'scheduled']);
const FUTURE_MODALS = new Set(['will', "'ll", 'shall', 'wo']);

function cueOf(view: SentenceView, i: number, lexicon: TimeLexicon): Tense | null {
  const token = view.tokens[i];
  const word = token.norm.toLowerCase();
  const cue = lexicon.tenseCues.get(word);
  if (cue) {
    if (NEEDS_TO.has(word)) {
      const next = view.tokens[i + 1];
      return next && i + 1 < view.tokenEnd && next.norm.toLowerCase() === 'to' ? 'future' : null;
    }
    return cue;
  }
  if (word.length >= 5 && word.endsWith('ed') && /^[a-z]/.test(token.text) && !lexicon.notPastEd.has(word)) return 'past';
  return null;
}

/** Nearest cue outside [first, last] within the sentence (clauses end at ';'). */
function cueTense(view: SentenceView, first: number, last: number, lexicon: TimeLexicon): ClauseTense {
  let left: { tense: Tense; distance: number } | null = null;
  for (let i = first - 1; i >= view.tokenStart; i--) {
    if (view.tokens[i].text === ';') break;
    const t = cueOf(view, i, lexicon);
    if (t) { left = { tense: t, distance: first - i }; break; }
  }
  let right: { tense: Tense; distance: number } | null = null;
  for (let i = last + 1; i < view.tokenEnd; i++) {
    if (view.tokens[i].text === ';') break;
    const t = cueOf(view, i, lexicon);
    if (t) { right = { tense: t, distance: i - last }; break; }
  }
  if (left && (!right || left.distance <= right.distance)) return left.tense;
  return right ? right.tense : 'unknown';
}

function verbTense(view: SentenceView, verb: number): ClauseTense {
  const pos = view.pos!;
  const deps = view.deps!;
  let past = /^VB[DN]$/.test(pos[verb].xpos);
  for (let i = view.tokenStart; i < view.tokenEnd; i++) {
    if (deps[i].head !== verb || !deps[i].deprel.startsWith('aux')) continue;
    const word = view.tokens[i].norm.toLowerCase();
    if (pos[i].xpos === 'MD' && (FUTURE_MODALS.has(word) || pos[i].lemma === 'will' || pos[i].lemma === 'shall')) return 'future';
    if (pos[i].xpos === 'VBD') past = true;
  }
  if (past) return 'past';
  return /^VB[ZP]$/.test(pos[verb].xpos) ? 'present' : 'unknown';
}

/** Tense of the clause holding tokens [first, last] (indices into the tokens layer). */
export function clauseTense(view: SentenceView, first: number, last: number, lexicon: TimeLexicon): ClauseTense {
  if (view.pos && view.deps) {
    // The expression's syntactic head: its token whose head lies outside it.
    let head = -1;
    for (let i = first; i <= last; i++) {
      const h = view.deps[i].head;
      if (h < first || h > last) { head = h; break; }
    }
    for (let steps = 0; head >= 0 && steps < 8; steps++) {
      const upos = view.pos[head].upos;
      if (upos === 'VERB' || upos === 'AUX') {
        const t = verbTense(view, head);
        if (t !== 'unknown') return t;
        break;
      }
      head = view.deps[head].head;
    }
  }
  return cueTense(view, first, last, lexicon);
}
