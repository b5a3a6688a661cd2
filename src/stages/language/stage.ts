import { francAll } from 'franc';
import { diagnostic } from '../../core/diagnostics.js';
import type { Stage } from '../../pipeline/stage.js';

/** ISO 639-3 → 639-1 for the languages we tell apart; anything else keeps its 639-3 code. */
const ISO1: Record<string, string> = { eng: 'en', spa: 'es', fra: 'fr', deu: 'de', por: 'pt', ita: 'it', nld: 'nl', rus: 'ru', arb: 'ar', cmn: 'zh', tur: 'tr', ukr: 'uk', pol: 'pl' };
/** The languages franc chooses among. */
export const CANDIDATES = Object.keys(ISO1);
const SUPPORTED = new Set(['en']);
/** Below this many letters franc's guess is noise; English is assumed with a diagnostic. */
const MIN_LETTERS = 40;
/** English within this fraction of the best score is preferred (franc scores are relative to the best, 1.0). */
const CLOSE_CALL = 0.9;

/**
 * Function words that are English and not words of the other candidate languages (no "in", "a", "was", "die"),
 * and function words of those languages: a name-heavy English sentence that franc scores as German ("Arab League
 * Secretary General Chadli Klibi undertook mediation mission between Syria and …") still reads as English by
 * its function words.
 */
const ENGLISH_WORDS = new Set(['the', 'of', 'and', 'to', 'is', 'are', 'were', 'has', 'have', 'had', 'with', 'that', 'for', 'from', 'by', 'on', 'at', 'said', 'this', 'which', 'who', 'its', 'their', 'between', 'would', 'after', 'been', 'be', 'his', 'her', 'they', 'it', 'not', 'but', 'or', 'as', 'against', 'over', 'into']);
const OTHER_WORDS: Record<string, ReadonlySet<string>> = {
  deu: new Set(['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'von', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'zu', 'im', 'auf', 'für', 'sich', 'auch', 'sind', 'wird', 'hat', 'nach', 'bei']),
  fra: new Set(['le', 'la', 'les', 'des', 'et', 'est', 'une', 'du', 'dans', 'pour', 'que', 'qui', 'sur', 'avec', 'pas', 'au', 'aux', 'il', 'elle', 'sont', 'par']),
  spa: new Set(['el', 'la', 'los', 'las', 'y', 'del', 'que', 'en', 'por', 'con', 'una', 'para', 'es', 'se', 'no', 'su', 'al']),
  por: new Set(['o', 'os', 'as', 'e', 'do', 'da', 'dos', 'das', 'que', 'em', 'para', 'com', 'uma', 'não', 'no', 'na', 'se']),
  ita: new Set(['il', 'lo', 'gli', 'le', 'e', 'di', 'del', 'della', 'che', 'per', 'con', 'una', 'non', 'sono', 'è', 'da', 'nel']),
  nld: new Set(['de', 'het', 'een', 'en', 'van', 'dat', 'niet', 'met', 'voor', 'op', 'zijn', 'ook', 'wordt', 'naar', 'bij']),
};

/**
 * Words that none of the other candidate languages uses as a common word ("to" is Polish, "of" Dutch, "on" French,
 * "as" Portuguese, "was" German and Dutch): when they make up a tenth of a sample that has "the" three times, the
 * text is English and franc's trigram model (about 3 % of `code` on ~600-word news) is not run. franc scores such
 * text English with 1.0, so the layer is the same either way.
 */
const CLEARLY_ENGLISH = new Set(['the', 'and', 'that', 'with', 'from', 'said', 'which', 'would', 'been', 'their', 'they', 'this', 'were', 'who', 'has', 'have', 'its']);
const CLEARLY_ENGLISH_SHARE = 0.1;
const MIN_THE = 3;

/** Whether the sample is plainly English by its function words (see CLEARLY_ENGLISH). */
export function clearlyEnglish(sample: string): boolean {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  let the = 0;
  let english = 0;
  for (const w of words) {
    if (!CLEARLY_ENGLISH.has(w)) continue;
    english++;
    if (w === 'the') the++;
  }
  return the >= MIN_THE && english >= CLEARLY_ENGLISH_SHARE * words.length;
}

/** Whether the sample's function words are English rather than those of the language franc chose. */
export function englishByFunctionWords(sample: string, best: string): boolean {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const other = OTHER_WORDS[best];
  let en = 0;
  let theirs = 0;
  for (const w of words) {
    if (ENGLISH_WORDS.has(w)) en++;
    else if (other?.has(w)) theirs++;
  }
  return en >= 2 && en >= 3 * theirs && en / words.length >= 0.08;
}

export const languageStage: Stage = {
  name: 'language',
  version: '1.0.0',
  reads: [],
  writes: ['language'],
  run(doc) {
    const prov = { stage: 'language', model: 'franc', version: '1.0.0' };
    const sample = doc.text.slice(0, 1000); // franc needs a few hundred characters; more only costs time
    const letters = (sample.match(/\p{L}/gu) ?? []).length;
    if (letters < MIN_LETTERS) {
      return {
        layers: { language: { code: 'en', iso6393: 'eng', confidence: 0.5, prov } },
        diagnostics: [diagnostic('LANGUAGE_UNCERTAIN', 'language', `only ${letters} letters: English assumed`)],
      };
    }
    if (clearlyEnglish(sample)) return { layers: { language: { code: 'en', iso6393: 'eng', confidence: 1, prov } } };
    const ranked = francAll(sample, { only: CANDIDATES, minLength: 10 });
    const [best, score] = ranked[0] ?? ['und', 0];
    // Short, name-heavy English often scores just below another language ("… President Emmanuel Macron said"
    // → French 1.0, English 0.93): a close second English is taken, with a diagnostic.
    const english = ranked.find(([lang]) => lang === 'eng');
    if (best !== 'eng' && english && english[1] >= CLOSE_CALL) {
      const note = diagnostic('LANGUAGE_UNCERTAIN', 'language', `'${best}' and English score within ${Math.round((1 - english[1]) * 100)}%: English assumed`);
      return { layers: { language: { code: 'en', iso6393: 'eng', confidence: Math.round(english[1] * 500) / 1000, prov } }, diagnostics: [note] };
    }
    if (best !== 'eng' && english && englishByFunctionWords(sample, best)) {
      const note = diagnostic('LANGUAGE_UNCERTAIN', 'language', `scored as '${best}' but its function words are English: English assumed`);
      return { layers: { language: { code: 'en', iso6393: 'eng', confidence: Math.round(english[1] * 500) / 1000, prov } }, diagnostics: [note] };
    }
    const code = ISO1[best] ?? best;
    const layer = { language: { code, iso6393: best, confidence: Math.round(score * 1000) / 1000, prov } };
    if (!SUPPORTED.has(code)) {
      return {
        layers: layer,
        diagnostics: [diagnostic('LANGUAGE_UNSUPPORTED', 'language', `language '${code}' (${best}) is not supported yet: stored, not coded`)],
        halt: true,
      };
    }
    return { layers: layer };
  },
};
