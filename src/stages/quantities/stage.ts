/**
 * The quantities stage: counts ("more than 300,000 migrants", "two high-level delegations",
 * "thousands of migrants", "several border points"), money ("$3.2 billion" → 3.2e9 USD) and
 * percentages ("5.25%") with their qualifier, unit and counted noun (the `quantities` layer).
 *
 * Conventions: a vague amount's value is its conventional lower bound and its qualifier says it is
 * vague ("thousands of" → 1000, "several" → 3, "dozens of" → 12); the span covers qualifier, number and,
 * when it follows directly, the counted noun ("more than 300,000 migrants"); a noun found elsewhere
 * ("the number of migrants … more than 300,000") is recorded without widening the span. Dates and
 * clock times are never quantities: the stage skips spans of DATE/TIME mentions in the `dates` layer
 * when the time stage ran before it, and years, month-days and clock times on its own otherwise.
 */
import type { Quantity } from '../../core/layers.js';
import type { Stage } from '../../pipeline/stage.js';
import { createQuantityFinder } from './find.js';
import { loadQuantityLexicon, type QuantityLexicon } from './lexicon.js';

export const QUANTITIES_STAGE_VERSION = '1.0.0';

/** A quantity with its unit: an ISO 4217 currency code (USD), "percent" or "percentage point". */
export interface QuantityWithUnit extends Quantity {
  readonly unit?: string;
}

export interface QuantitiesStageOptions {
  /** Folder of compiled lexicons (`<package>/dist/data`); the stage reads `quantities/*.json` from it. */
  dataDir: string;
}

export function createQuantitiesStageFromLexicon(lexicon: QuantityLexicon): Stage {
  const finder = createQuantityFinder(lexicon);
  const stage: Stage = {
    name: 'quantities',
    version: QUANTITIES_STAGE_VERSION,
    reads: ['sentences', 'tokens'],
    writes: ['quantities'],
    run(doc) {
      const tokens = doc.get('tokens');
      const pos = doc.getOr('pos', null as never)?.items ?? null;
      const dateSpans = doc.getOr('dates', []).filter((d) => d.type === 'DATE' || d.type === 'TIME');
      const quantities: QuantityWithUnit[] = [];
      for (const s of doc.get('sentences')) {
        const found = finder.find({ text: doc.text, from: s.start, to: s.end, tokens, tokenStart: s.tokenStart, tokenEnd: s.tokenEnd, pos, dateSpans });
        for (const q of found) {
          quantities.push({
            id: `q${quantities.length + 1}`,
            text: doc.text.slice(q.start, q.end),
            start: q.start,
            end: q.end,
            value: q.value,
            ...(q.qualifier ? { qualifier: q.qualifier } : {}),
            ...(q.noun ? { noun: q.noun } : {}),
            ...(q.unit ? { unit: q.unit } : {}),
            prov: { stage: 'quantities', rule: q.rule, version: QUANTITIES_STAGE_VERSION, confidence: q.rule === 'vague-amount' ? 0.6 : 0.85 },
          });
        }
      }
      return { layers: { quantities } };
    },
  };
  return Object.freeze(stage);
}

/** The quantities stage, with its word lists loaded once from `dataDir`. */
export function createQuantitiesStage(options: QuantitiesStageOptions): Stage {
  return createQuantitiesStageFromLexicon(loadQuantityLexicon(options.dataDir));
}
