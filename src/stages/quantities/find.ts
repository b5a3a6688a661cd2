/**
 * Finding counts, amounts of money and percentages in one sentence, with their qualifier ("more than"),
 * unit (USD, percent) and counted noun ("migrants").
 */
import type { PosTag, Token } from '../../core/layers.js';
import type { QuantityLexicon } from './lexicon.js';
import { numberValue } from './numbers.js';

export interface FoundQuantity {
  start: number;
  end: number;
  value: number;
  qualifier?: string;
  noun?: string;
  unit?: string;
  rule: string;
}

export interface SentenceContext {
  readonly text: string;
  readonly from: number;
  readonly to: number;
  readonly tokens: readonly Token[];
  readonly tokenStart: number;
  readonly tokenEnd: number;
  readonly pos: readonly PosTag[] | null;
  /** Spans taken by DATE/TIME expressions, which are never quantities. */
  readonly dateSpans: readonly { start: number; end: number }[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (forms: Iterable<string>): string =>
  [...new Set(forms)].sort((a, b) => b.length - a.length).map((f) => escape(f).replace(/ /g, '\\s+')).join('|');

export interface QuantityFinder {
  find(ctx: SentenceContext): FoundQuantity[];
}

const MONTHS = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/i;

export function createQuantityFinder(lex: QuantityLexicon): QuantityFinder {
  const unitWords = [...lex.numbers].filter(([, e]) => e.kind === 'unit').map(([w]) => w);
  const allWords = [...lex.numbers.keys()];
  const afterA = [...lex.numbers].filter(([, e]) => e.kind !== 'unit').map(([w]) => w);
  const NUMBER = `(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:[\\s-]+(?:${alternation([...lex.numbers].filter(([, e]) => e.kind === 'scale' || e.kind === 'dozen').map(([w]) => w))}))*` +
    `|(?:${alternation(unitWords)})(?:(?:[\\s-]+|\\s+and\\s+)(?:${alternation(allWords)}))*` +
    `|an?\\s+(?:${alternation(afterA)})`;
  const QUAL = alternation(lex.qualifiers.keys());
  const VAGUE = alternation(lex.vague.keys());
  const CUR_BEFORE = alternation(lex.currencyBefore.keys());
  const UNIT = alternation(lex.units.keys());
  const CUR_AFTER = alternation(lex.currencyAfter.keys());
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}_.,$€£¥-])(?:(${QUAL})\\s+)?(?:(${VAGUE})(?=\\s)|(?:(${CUR_BEFORE})\\s?)?(${NUMBER})(?![\\p{L}\\p{N}])(?:\\s*(${UNIT})(?![\\p{L}]))?(?:\\s+(${CUR_AFTER})(?![\\p{L}]))?)`,
    'giu',
  );

  const isDate = (ctx: SentenceContext, start: number, end: number): boolean =>
    ctx.dateSpans.some((d) => start < d.end && d.start < end);

  return {
    find(ctx) {
      const slice = ctx.text.slice(ctx.from, ctx.to);
      const out: FoundQuantity[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(slice); m; m = re.exec(slice)) {
        const start = ctx.from + m.index;
        let end = start + m[0].length;
        const qualifierText = m[1];
        const vague = m[2] ? lex.vague.get(m[2].toLowerCase().replace(/\s+/g, ' ')) : undefined;
        const numberText = m[4];
        const numberStart = vague ? start + m[0].indexOf(m[2]) : start + m[0].lastIndexOf(numberText, m[0].length - (m[5]?.length ?? 0) - (m[6]?.length ?? 0));
        const numberEnd = vague ? end : numberStart + (numberText?.length ?? 0);
        const value = vague ? vague.value : numberValue(numberText, lex);
        if (value === null) continue;
        const before = slice.slice(0, m.index).match(/([\p{L}'.]+)\s*$/u)?.[1]?.toLowerCase() ?? '';
        const after = slice.slice(m.index + m[0].length).match(/^\s*([\p{L}'.]+)/u)?.[1]?.toLowerCase() ?? '';
        if (!vague) {
          const plain = numberText.replace(/,/g, '');
          if (isDate(ctx, numberStart, numberEnd)) continue;
          if (lex.clockAfter.has(after) || /^[:.]\d/.test(slice.slice(m.index + m[0].length))) continue;
          if (MONTHS.test(before) || MONTHS.test(after)) continue; // "December 27", "27 December"
          if (/^\d{4}$/.test(plain) && +plain >= 1900 && +plain <= 2100 && !m[3] && !m[5]) continue; // a year
          if (/^one$/i.test(numberText) && (lex.pronounOneAfter.has(after) || lex.pronounOneBefore.has(before))) continue;
          if (/^an?\s/i.test(numberText) && /(?:quarter|half|third)$/i.test(numberText) && /^(?:of|century|hour|mile)$/.test(after) === false && after !== '') {
            // "a quarter of the vote" is a fraction; "a quarter century" is a time — keep only the "of" reading
            if (after !== 'of') continue;
          }
        }
        const qualifier = vague ? vague.qualifier : qualifierText?.toLowerCase().replace(/\s+/g, ' ');
        const currency = m[3] ? lex.currencyBefore.get(m[3]) : m[6] ? lex.currencyAfter.get(m[6].toLowerCase()) : undefined;
        const unit = currency ?? (m[5] ? lex.units.get(m[5].toLowerCase().replace(/\s+/g, ' ')) : undefined);
        // The counted noun: right after the number (skipping modifiers), else "the number of X" before it.
        let noun: string | undefined;
        if (!unit) {
          const found = nounAfter(ctx, end, lex);
          if (found) { noun = found.noun; end = found.end; }
          else {
            const back = /\b(?:number|total|count|tally)\s+of\s+([a-z][a-z-]*)/gi;
            let last: RegExpExecArray | null = null;
            const left = ctx.text.slice(ctx.from, start);
            for (let b = back.exec(left); b; b = back.exec(left)) last = b;
            if (last) noun = last[1].toLowerCase();
          }
        }
        if (/^one$/i.test(numberText ?? '') && !noun) continue;
        if (!vague && !unit && !noun && /^(?:a|an)\s/i.test(numberText)) continue;
        const rule = vague ? 'vague-amount' : currency ? 'money' : unit ? 'unit' : /\d/.test(numberText) ? 'digits' : 'number-words';
        out.push({ start, end, value, rule, ...(qualifier ? { qualifier } : {}), ...(noun ? { noun } : {}), ...(unit ? { unit } : {}) });
        re.lastIndex = Math.max(re.lastIndex, end - ctx.from);
      }
      return out;
    },
  };
}

/** First token index at or after `offset` within the sentence. */
function tokenAt(ctx: SentenceContext, offset: number): number {
  let lo = ctx.tokenStart;
  let hi = ctx.tokenEnd;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.tokens[mid].start < offset) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * The head noun of the phrase right after a number: with a `pos` layer, the last noun of the first
 * run of adjectives/nouns; without it, the first plural-looking lowercase word of the next few
 * (stopping at function words), or the single word that follows.
 */
function nounAfter(ctx: SentenceContext, offset: number, lex: QuantityLexicon): { noun: string; end: number } | null {
  let i = tokenAt(ctx, offset);
  // "a third of voters", "two of the delegations": the noun follows "of" and a determiner.
  if (i < ctx.tokenEnd && ctx.tokens[i].norm.toLowerCase() === 'of') {
    i++;
    if (i < ctx.tokenEnd && /^(?:the|its|their|his|her|our|these|those)$/i.test(ctx.tokens[i].norm)) i++;
  }
  if (ctx.pos) {
    let head = -1;
    for (let k = i; k < Math.min(ctx.tokenEnd, i + 5); k++) {
      const upos = ctx.pos[k].upos;
      if (upos === 'NOUN') head = k;
      else if ((upos === 'ADJ' || upos === 'PUNCT' && ctx.tokens[k].text === '-' || upos === 'ADV') && head < 0) continue;
      else break;
    }
    return head >= 0 ? { noun: ctx.tokens[head].text.toLowerCase(), end: ctx.tokens[head].end } : null;
  }
  const run: number[] = [];
  for (let k = i; k < Math.min(ctx.tokenEnd, i + 6); k++) {
    const t = ctx.tokens[k];
    const w = t.norm.toLowerCase();
    // a hyphen inside a word ("high-level" tokenised as high - level) joins, it does not stop the run
    if (t.text === '-' && k > i && ctx.tokens[k - 1].end === t.start && k + 1 < ctx.tokenEnd && ctx.tokens[k + 1].start === t.end) continue;
    if (!/^[a-z][a-z-]*$/.test(t.text) || lex.notNouns.has(w)) break;
    run.push(k);
  }
  // the parts of a hyphenated word are one modifier: keep only a run's words that are not followed by "-"
  for (let r = run.length - 1; r >= 0; r--) {
    const k = run[r];
    if (k + 1 < ctx.tokenEnd && ctx.tokens[k + 1].text === '-' && ctx.tokens[k + 1].start === ctx.tokens[k].end) run.splice(r, 1);
  }
  if (run.length === 0) return null;
  const plural = run.find((k) => /[^s]s$/.test(ctx.tokens[k].norm.toLowerCase()) && !/(?:ous|ics|ss|us|is)$/.test(ctx.tokens[k].norm.toLowerCase()));
  const head = plural ?? run[0];
  return { noun: ctx.tokens[head].text.toLowerCase(), end: ctx.tokens[head].end };
}
