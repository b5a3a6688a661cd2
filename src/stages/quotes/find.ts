/**
 * Quotations and their speakers. Spans are paired double quotes (curly or straight) within a paragraph,
 * marks included. The speaker is the subject of the nearest speech verb governing the quotation in the
 * parse ("Blinken emphasized that “…”"), else of a speech verb elsewhere in its sentence ("“…,” he added"),
 * else the object of "according to". A pronoun speaker takes the previous quotation's speaker.
 */
import type { Dependency, Entity, PosTag, Quote, Token } from '../../core/layers.js';

export interface QuoteInputs {
  text: string;
  tokens: readonly Token[];
  pos: readonly PosTag[];
  deps: readonly Dependency[];
  entities: readonly Entity[];
  speechVerbs: ReadonlySet<string>;
}

const OPEN = new Set(['“', '"', '«', '„']);
const CLOSE: Record<string, string> = { '“': '”', '"': '"', '«': '»', '„': '“' };
const SINGULAR_PRONOUNS = new Set(['he', 'she', 'it', 'i']);
const SUBJECT = /^nsubj/;
const NAME_PARTS = new Set(['compound', 'flat', 'flat:name', 'amod', 'det', 'nmod:poss', 'case', 'nummod']);

/** Token-index ranges of paired quotation marks (inclusive of the marks). */
function quotePairs(tokens: readonly Token[], text: string): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let open = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].text;
    if (open >= 0) {
      const paragraphBreak = text.slice(tokens[i - 1].end, tokens[i].start).includes('\n');
      if (paragraphBreak) open = -1;
      else if (t === CLOSE[tokens[open].text] || (t === '”' && tokens[open].text === '"')) {
        if (i - open > 1) pairs.push([open, i]);
        open = -1;
        continue;
      }
    }
    if (open < 0 && OPEN.has(t)) open = i;
  }
  return pairs;
}

export function findQuotes(input: QuoteInputs, makeId: (n: number) => string): Quote[] {
  const { text, tokens, pos, deps, entities, speechVerbs } = input;
  const quotes: Quote[] = [];
  let previousSpeaker: { text: string; start: number; end: number } | undefined;

  const children = (head: number): number[] => {
    const out: number[] = [];
    const sentence = tokens[head].sentence;
    for (let i = head - 1; i >= 0 && tokens[i].sentence === sentence; i--) if (deps[i].head === head) out.push(i);
    for (let i = head + 1; i < tokens.length && tokens[i].sentence === sentence; i++) if (deps[i].head === head) out.push(i);
    return out;
  };
  const subjectOf = (verb: number): number | undefined => children(verb).find((c) => SUBJECT.test(deps[c].deprel));
  /** The speaker phrase of a subject token: its entity, or the token with its name-like dependents. */
  const phrase = (token: number): { text: string; start: number; end: number } => {
    const t = tokens[token];
    const entity = entities.find((e) => e.start <= t.start && t.end <= e.end && e.type !== 'LOC');
    // "US Secretary of State Antony Blinken said" parsed with the title as the subject: a person named in apposition
    // to it is the speaker.
    if (entity?.type !== 'PERSON') {
      for (const c of children(token)) {
        if (deps[c].deprel !== 'appos') continue;
        const person = entities.find((e) => e.start <= tokens[c].start && tokens[c].end <= e.end && e.type === 'PERSON');
        if (person) return { text: person.text, start: person.start, end: person.end };
      }
    }
    // "the State Department statement said": the possessor or compound entity names the speaker
    if (!entity) {
      for (const c of children(token)) {
        const named = entities.find((e) => e.start <= tokens[c].start && tokens[c].end <= e.end && (e.type === 'PERSON' || e.type === 'ORG'));
        if (named && (deps[c].deprel === 'compound' || deps[c].deprel === 'nmod:poss')) return { text: named.text, start: named.start, end: named.end };
      }
    }
    if (entity) return { text: entity.text, start: entity.start, end: entity.end };
    let lo = token;
    let hi = token;
    for (const c of children(token)) {
      if (!NAME_PARTS.has(deps[c].deprel)) continue;
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
    }
    return { text: text.slice(tokens[lo].start, tokens[hi].end), start: tokens[lo].start, end: tokens[hi].end };
  };
  const isSpeechVerb = (i: number): boolean => pos[i].upos === 'VERB' && speechVerbs.has(pos[i].lemma.toLowerCase());

  for (const [open, close] of quotePairs(tokens, text)) {
    const inside = (i: number): boolean => i > open && i < close;
    let speaker: number | undefined;
    let rule = '';
    // 1. A speech verb above the quotation in the parse.
    for (let i = open + 1; i < close && speaker === undefined; i++) {
      let h = deps[i].head;
      for (let steps = 0; h >= 0 && steps < 30; steps++, h = deps[h].head) {
        if (inside(h)) continue;
        if (isSpeechVerb(h)) {
          const s = subjectOf(h);
          if (s !== undefined && !inside(s)) {
            speaker = s;
            rule = 'governing-speech-verb';
          }
          break;
        }
      }
    }
    // 2. A speech verb elsewhere in the sentence ("“…,” he added").
    const sentence = tokens[open].sentence;
    if (speaker === undefined) {
      for (let i = 0; i < tokens.length; i++) {
        if (tokens[i].sentence !== sentence || inside(i) || !isSpeechVerb(i)) continue;
        const s = subjectOf(i);
        if (s !== undefined && !inside(s)) {
          speaker = s;
          rule = 'speech-verb-in-sentence';
          break;
        }
      }
    }
    // 3. "according to X"
    if (speaker === undefined) {
      for (let i = 0; i + 2 < tokens.length; i++) {
        if (tokens[i].sentence !== sentence || inside(i)) continue;
        if (tokens[i].text.toLowerCase() === 'according' && tokens[i + 1].text.toLowerCase() === 'to') {
          // the first person or organisation named after "to" in the sentence, else the word after "to"
          const named = entities.find((e) => (e.type === 'PERSON' || e.type === 'ORG') && e.start >= tokens[i + 1].end && tokens.some((t) => t.start === e.start && t.sentence === sentence));
          const at = named ? tokens.findIndex((t) => t.start === named.start) : -1;
          speaker = at >= 0 ? at : i + 2;
          rule = 'according-to';
          break;
        }
      }
    }
    // 4. A quoted phrase inside a clause with no speech verb ("they will seek … to explore “the best ways”"):
    //    the words are the clause subject's, reported by the story.
    if (speaker === undefined) {
      for (let h = deps[open + 1]?.head ?? -1, steps = 0; h >= 0 && steps < 30; steps++, h = deps[h].head) {
        if (inside(h) || pos[h].upos !== 'VERB') continue;
        const s = subjectOf(h);
        if (s !== undefined && !inside(s)) {
          speaker = s;
          rule = 'clause-subject';
          break;
        }
      }
    }
    const start = tokens[open].start;
    const end = tokens[close].end;
    const quote: { id: string; text: string; start: number; end: number; speakerText?: string; speakerStart?: number; speakerEnd?: number; prov: Quote['prov'] } = {
      id: makeId(quotes.length + 1),
      text: text.slice(start, end),
      start,
      end,
      prov: { stage: 'quotes', rule: rule || 'unattributed', version: '1.1.0', confidence: rule === 'clause-subject' ? 0.5 : rule ? 0.8 : 0.3 },
    };
    if (speaker !== undefined) {
      let who = phrase(speaker);
      let reason = `subject of ${rule === 'according-to' ? '"according to"' : `"${tokens[deps[speaker].head]?.text ?? ''}"`}`;
      // "he added": a singular pronoun speaker is the previous quotation's speaker; "they" is left to coreference.
      if (SINGULAR_PRONOUNS.has(tokens[speaker].text.toLowerCase()) && previousSpeaker && rule !== 'clause-subject') {
        reason += `; pronoun "${tokens[speaker].text}" → previous speaker`;
        who = previousSpeaker;
      }
      quote.speakerText = who.text;
      quote.speakerStart = who.start;
      quote.speakerEnd = who.end;
      quote.prov = { ...quote.prov, reason };
      previousSpeaker = who;
    }
    quotes.push(quote);
  }
  return quotes;
}
