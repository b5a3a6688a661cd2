/**
 * The event pattern language: one pattern per line, compiled at build time from data/events/*.txt into
 * dist/data/events/patterns.json (scripts/build-data.mjs calls `compilePatternFile`). The format is
 * documented at the top of data/events/patterns.txt and in docs/CODEBOOK.md:
 *
 *   CODE  ID  verb:LEMMA[+PARTICLE] | noun:LEMMA   [obj=…] [comp=…] [modal=…] [pp=PREP:…] [source=…] [target=…]  [FLAGS]
 *
 * `|` separates alternatives in a value. Flags: one-sided, mutual, unknown-source, intransitive, no-xcomp, future=CODE, plover=TYPE[/mode],
 * target-fallback=sentence|own.
 */

export type ArgumentSlot = string; // 'subj' | 'obj' | 'poss' | 'compound' | 'amod' | a preposition ('with', 'to', …)

export interface EventPattern {
  readonly id: string;
  readonly code: string;
  readonly pos: 'verb' | 'noun';
  readonly lemmas: readonly string[];
  readonly particle?: string;
  /** Per-alternative particles ("verb:expel|drive+out": drive needs "out", expel needs none): lemma → particle. */
  readonly particles?: Readonly<Record<string, string>>;
  /** The object phrase must contain one of these lemmas (the object is then part of the predicate, not the target). */
  readonly obj?: readonly string[];
  /** A to-infinitive or clausal complement with one of these lemmas. */
  readonly comp?: readonly string[];
  /** A clausal complement whose auxiliary is one of these modals ("said Iraq must cooperate" → a demand). */
  readonly modal?: readonly string[];
  /**
   * What did the act, as words: the subject of an active verb, the by-phrase of a passive, or an in-phrase of a
   * passive ("killed in a car bomb explosion") contains one of these lemmas ("a roadside bombing killed …").
   */
  readonly agent?: readonly string[];
  /** Prepositional phrases that must be present: preposition → lemmas one of which the phrase contains. */
  readonly pp?: ReadonlyArray<{ readonly prep: string; readonly lemmas: readonly string[] }>;
  /** Where the source and target come from, in order of preference. */
  readonly source: readonly ArgumentSlot[];
  readonly target: readonly ArgumentSlot[];
  readonly oneSided: boolean;
  readonly mutual: boolean;
  /**
   * The one documented exception to require-dyad on the source side: when the source names no actor the event is
   * coded with an unknown source (null), as PLOVER allows when the act is clear — used for attacks with casualties
   * whose only agent is a weapon ("killed by an improvised explosive device"). A target actor is still required.
   */
  readonly unknownSource?: boolean;
  /** The verb has no direct object: "demonstrated outside the embassy", not "demonstrated its support". */
  readonly intransitive?: boolean;
  /** The verb has no open clausal complement (xcomp): "called Munero a ruffian" names, "fighting to keep the boy" strives. */
  readonly noXcomp?: boolean;
  /** Code to use instead when the event is future or intended ("will meet" → 036). */
  readonly future?: string;
  /**
   * The PLOVER type (and mode) when the PLOVER manual reads the act differently from the 2021 CAMEO→PLOVER
   * table: lifting a curfew is CONCEDE ("removing curfews"), a resignation is RETREAT/resign. Applies to the
   * pattern's own code only (not to its future= or announced code).
   */
  readonly plover?: { readonly type: string; readonly mode?: string };
  /**
   * When no target is found: `sentence`, a country named elsewhere in the sentence that is not the source's;
   * `own`, the source's own country (acts of a government on its own country: lifting a curfew, a state of emergency).
   */
  readonly targetFallback?: 'sentence' | 'own';
  /** Where the pattern was written: file:line. */
  readonly line: string;
  /** How many conditions the pattern has beyond its trigger (more specific patterns win). */
  readonly specificity: number;
}

const VERB_SOURCE = ['subj'];
const VERB_TARGET = ['obj', 'to', 'with', 'against', 'on', 'for', 'from', 'into'];
const NOUN_SOURCE = ['poss', 'by', 'compound', 'amod', 'from', 'of'];
const NOUN_TARGET = ['against', 'with', 'to', 'on', 'of', 'for', 'into', 'between'];

export class PatternError extends Error {}

const list = (value: string): string[] => value.split('|').map((v) => v.trim().toLowerCase().replace(/_/g, ' ')).filter(Boolean);

/** Parses one pattern line (comments and blank lines give undefined). */
export function parsePatternLine(raw: string, where: string): EventPattern | undefined {
  const line = raw.replace(/\s+#.*$/, '').trim();
  if (line === '' || line.startsWith('#')) return undefined;
  const fields = line.split(/\s+/);
  if (fields.length < 3) throw new PatternError(`${where}: a pattern needs CODE ID TRIGGER, got "${line}"`);
  const [code, id, trigger, ...rest] = fields;
  if (!/^\d{2,4}$/.test(code)) throw new PatternError(`${where}: "${code}" is not a CAMEO code`);
  const t = /^(verb|noun):(.+)$/.exec(trigger);
  if (!t) throw new PatternError(`${where}: trigger "${trigger}" must be verb:LEMMA, verb:LEMMA+PARTICLE or noun:LEMMA`);
  const pos = t[1] as 'verb' | 'noun';
  // Alternatives may each carry a particle: verb:expel|drive+out|force+out.
  const alternatives = t[2].split('|').map((a) => a.trim()).filter(Boolean);
  const particles: Record<string, string> = {};
  const lemmas: string[] = [];
  for (const a of alternatives) {
    const m = /^([^+]+)(?:\+([a-z]+))?$/i.exec(a);
    if (!m) throw new PatternError(`${where}: trigger alternative "${a}" must be LEMMA or LEMMA+PARTICLE`);
    const lemma = m[1].toLowerCase().replace(/_/g, ' ');
    if (m[2]) {
      if (pos === 'noun') throw new PatternError(`${where}: a noun trigger takes no particle ("${a}")`);
      particles[lemma] = m[2].toLowerCase();
    }
    if (!lemmas.includes(lemma)) lemmas.push(lemma);
  }
  const allParticled = lemmas.every((l) => particles[l] !== undefined);
  const one = allParticled && new Set(Object.values(particles)).size === 1 ? Object.values(particles)[0] : undefined;
  const pattern: {
    -readonly [K in keyof EventPattern]: EventPattern[K];
  } = {
    id,
    code,
    pos,
    lemmas,
    ...(one ? { particle: one } : Object.keys(particles).length > 0 ? { particles } : {}),
    source: pos === 'verb' ? VERB_SOURCE : NOUN_SOURCE,
    target: pos === 'verb' ? VERB_TARGET : NOUN_TARGET,
    oneSided: false,
    mutual: false,
    line: where,
    specificity: Object.keys(particles).length > 0 ? 1 : 0,
  };
  const pp: Array<{ prep: string; lemmas: string[] }> = [];
  for (const field of rest) {
    const eq = field.indexOf('=');
    const key = eq < 0 ? field : field.slice(0, eq);
    const value = eq < 0 ? '' : field.slice(eq + 1);
    switch (key) {
      case 'one-sided': pattern.oneSided = true; break;
      case 'mutual': pattern.mutual = true; break;
      case 'unknown-source': pattern.unknownSource = true; break;
      case 'intransitive':
        if (pos !== 'verb') throw new PatternError(`${where}: intransitive applies to verb triggers only`);
        pattern.intransitive = true;
        pattern.specificity += 1;
        break;
      case 'no-xcomp':
        if (pos !== 'verb') throw new PatternError(`${where}: no-xcomp applies to verb triggers only`);
        pattern.noXcomp = true;
        pattern.specificity += 1;
        break;
      case 'agent':
        if (pos !== 'verb') throw new PatternError(`${where}: agent= applies to verb triggers only`);
        pattern.agent = list(value);
        pattern.specificity += 2;
        break;
      case 'obj': pattern.obj = list(value); pattern.specificity += 2; break;
      // a condition that admits anything ('*') is less specific than one naming words
      case 'comp': pattern.comp = list(value); pattern.specificity += value === '*' ? 1 : 2; break;
      case 'modal': pattern.modal = list(value); pattern.specificity += 2; break;
      case 'pp': {
        const m = /^([a-z]+):(.+)$/.exec(value);
        if (!m) throw new PatternError(`${where}: pp= needs PREP:LEMMA|LEMMA, got "${value}"`);
        pp.push({ prep: m[1], lemmas: list(m[2]) });
        pattern.specificity += m[2] === '*' ? 1 : 2;
        break;
      }
      case 'source': pattern.source = list(value); break;
      case 'target': pattern.target = list(value); pattern.specificity += 1; break;
      case 'future':
        if (!/^\d{3,4}$/.test(value)) throw new PatternError(`${where}: future= needs a CAMEO code`);
        pattern.future = value;
        break;
      case 'plover': {
        const m = /^([A-Z]+)(?:\/([a-z-]+))?$/.exec(value);
        if (!m) throw new PatternError(`${where}: plover= needs TYPE or TYPE/mode (CONCEDE, RETREAT/resign), got "${value}"`);
        pattern.plover = m[2] ? { type: m[1], mode: m[2] } : { type: m[1] };
        break;
      }
      case 'target-fallback':
        if (value !== 'sentence' && value !== 'own') throw new PatternError(`${where}: target-fallback= can only be "sentence" or "own"`);
        pattern.targetFallback = value;
        break;
      default:
        throw new PatternError(`${where}: unknown field "${field}" (known: obj= comp= modal= pp= agent= source= target= future= plover= target-fallback= one-sided mutual unknown-source intransitive no-xcomp)`);
    }
  }
  if (pp.length > 0) pattern.pp = pp;
  return Object.freeze(pattern);
}

/** Compiles a pattern file's text; ids must be unique. */
export function compilePatternFile(text: string, file: string): EventPattern[] {
  const out: EventPattern[] = [];
  const seen = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const p = parsePatternLine(raw, `${file}:${i + 1}`);
    if (!p) return;
    const earlier = seen.get(p.id);
    if (earlier) throw new PatternError(`${p.line}: pattern id "${p.id}" is already used at ${earlier}`);
    seen.set(p.id, p.line);
    out.push(p);
  });
  return out;
}
