/**
 * The time stage: temporal expressions → TIMEX3 types and values (the `dates` layer).
 *
 * Recognition is our own ordered rule list (rules.ts) over each sentence; values come from the
 * publication date and the tense of the clause (resolve.ts, tense.ts); refiners settle overlaps and
 * anchor expressions to the event of their sentence (refine.ts). Word lists live in data/time/*.tsv.
 *
 * Conventions worth knowing:
 *  - Values are TIMEX3: 2024-01-12, 2024-02, 2024-W01, 2024-Q1, 199 (the 1990s), P3D / PXD
 *    (durations), P1Y / XXXX-WXX-5 (sets), PRESENT_REF / PAST_REF / FUTURE_REF, 2024-01-13T15:00.
 *  - mod is EARLY | MID | LATE for "early February" etc. and APPROX | MORE_THAN | LESS_THAN … for
 *    "about two years"; those words are part of the span, prepositions ("on", "for") are not.
 *  - A range "from Jan. 5 to 7" gives two DATE mentions ("Jan. 5" → …-01-05, "7" → …-01-07).
 *  - Without a publication date nothing is resolved against today: relative expressions get
 *    underspecified values (XXXX-12-27, XXXX-WXX-5, XXXX-XX for "this month", XXXX for "two years
 *    ago"); explicit dates, durations and sets keep their values.
 */
import type { DateMention, Token } from '../../core/layers.js';
import type { Stage } from '../../pipeline/stage.js';
import { isValidDate, parseIsoDate } from './calendar.js';
import { diagnostic, type Diagnostic } from '../../core/diagnostics.js';
import { loadTimeLexicon, type TimeLexicon } from './lexicon.js';
import { anchorClocks, anchorThisMonth, selectLongest, type Resolved } from './refine.js';
import type { Env } from './resolve.js';
import { createRecogniser } from './rules.js';
import { clauseTense, type ClauseTense, type SentenceView } from './tense.js';

export const TIME_STAGE_VERSION = '1.0.0';

export interface TimeStageOptions {
  /** Folder of compiled lexicons (`<package>/dist/data`); the stage reads `time/*.json` from it. */
  dataDir: string;
}

/** First and last token index covering [start, end) within tokens [from, to). */
function tokenRange(tokens: readonly Token[], from: number, to: number, start: number, end: number): [number, number] {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= start) lo = mid + 1; else hi = mid;
  }
  let last = lo;
  while (last + 1 < to && tokens[last + 1].start < end) last++;
  return [lo, last];
}

export function createTimeStageFromLexicon(lexicon: TimeLexicon): Stage {
  const recogniser = createRecogniser(lexicon);
  // "February 30", "31 April": reported, never coded (2000 is a leap year, so February 29 passes).
  const monthNames = [...lexicon.months.keys()].filter((k) => /^[a-z]{3,}$/i.test(k)).sort((a, b) => b.length - a.length);
  const monthDay = new RegExp(`\\b(${monthNames.join('|')})\\.?\\s+(\\d{1,2})(?!\\d)|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${monthNames.join('|')})\\b`, 'gi');
  const impossible = (text: string): Diagnostic[] => {
    const out: Diagnostic[] = [];
    for (const m of text.matchAll(monthDay)) {
      const name = (m[1] ?? m[4]).toLowerCase();
      const month = lexicon.months.get(name) ?? lexicon.months.get(name.replace(/\.$/, ''));
      const day = Number(m[2] ?? m[3]);
      if (month && day >= 1 && !isValidDate(2000, month, day) && /^[A-Z]/.test(m[1] ?? m[4])) {
        out.push(diagnostic('DATE_IMPOSSIBLE', 'time', `"${m[0]}" is not a date (${name} has no day ${day}); not coded`, { start: m.index!, end: m.index! + m[0].length }));
      }
    }
    return out;
  };
  const stage: Stage = {
    name: 'time',
    version: TIME_STAGE_VERSION,
    reads: ['sentences', 'tokens'],
    writes: ['dates'],
    run(doc) {
      const sentences = doc.get('sentences');
      const tokens = doc.get('tokens');
      const pos = doc.getOr('pos', null as never)?.items ?? null;
      const deps = doc.getOr('deps', null as never)?.items ?? null;
      const dct = parseIsoDate(doc.meta.published);
      const publishedMonth = doc.meta.published && dct ? doc.meta.published.slice(0, 7) : null;
      const dates: DateMention[] = [];
      // Text before the first sentence (a dateline such as "JOHANNESBURG, August 7 (Xinhua) --") is scanned too.
      const regions = sentences.length > 0 && sentences[0].start > 0
        ? [{ start: 0, end: sentences[0].start, tokenStart: sentences[0].tokenStart, tokenEnd: sentences[0].tokenStart }, ...sentences]
        : sentences;
      for (const sentence of regions) {
        const drafts = selectLongest(recogniser.find(doc.text, sentence.start, sentence.end));
        if (drafts.length === 0) continue;
        const view: SentenceView = { tokens, tokenStart: sentence.tokenStart, tokenEnd: sentence.tokenEnd, pos, deps };
        let resolved: Resolved[] = drafts.map((draft) => {
          let tense: ClauseTense | undefined;
          const env: Env = {
            dct,
            tense: () => {
              if (tense === undefined) {
                const [first, last] = tokenRange(tokens, sentence.tokenStart, sentence.tokenEnd, draft.start, draft.end);
                tense = sentence.tokenEnd > sentence.tokenStart ? clauseTense(view, first, last, lexicon) : 'unknown';
              }
              return tense;
            },
          };
          const { value, reason } = draft.resolve(env);
          return { draft, start: draft.start, end: draft.end, type: draft.type, value, rule: draft.rule, ...(reason ? { reason } : {}) };
        });
        resolved = anchorThisMonth(anchorClocks(resolved, doc.text), publishedMonth);
        for (const r of resolved) {
          dates.push({
            id: `t${dates.length + 1}`,
            text: doc.text.slice(r.start, r.end),
            start: r.start,
            end: r.end,
            type: r.type,
            value: r.value,
            ...(r.draft.mod ? { mod: r.draft.mod } : {}),
            prov: { stage: 'time', rule: r.rule, version: TIME_STAGE_VERSION, confidence: /X/.test(r.value) && !/^P/.test(r.value) ? 0.5 : 0.8, ...(r.reason ? { reason: r.reason } : {}) },
          });
        }
      }
      const problems = impossible(doc.text);
      return { layers: { dates }, ...(problems.length > 0 ? { diagnostics: problems } : {}) };
    },
  };
  return Object.freeze(stage);
}

/** The time stage, with its word lists loaded once from `dataDir`. */
export function createTimeStage(options: TimeStageOptions): Stage {
  return createTimeStageFromLexicon(loadTimeLexicon(options.dataDir));
}
