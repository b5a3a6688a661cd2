import { francAll } from 'franc';
import { diagnostic } from '../../core/diagnostics.js';
import type { Stage } from '../../pipeline/stage.js';

/** ISO 639-3 → 639-1 for the languages we tell apart; anything else keeps its 639-3 code. */
const ISO1: Record<string, string> = { eng: 'en', spa: 'es', fra: 'fr', deu: 'de', por: 'pt', ita: 'it', nld: 'nl', rus: 'ru', arb: 'ar', cmn: 'zh', tur: 'tr', ukr: 'uk', pol: 'pl' };
const CANDIDATES = Object.keys(ISO1);
const SUPPORTED = new Set(['en']);
/** Below this many letters franc's guess is noise; English is assumed with a diagnostic. */
const MIN_LETTERS = 40;
/** English within this fraction of the best score is preferred (franc scores are relative to the best, 1.0). */
const CLOSE_CALL = 0.9;

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
    const ranked = francAll(sample, { only: CANDIDATES, minLength: 10 });
    const [best, score] = ranked[0] ?? ['und', 0];
    // Short, name-heavy English often scores just below another language ("… President Emmanuel Macron said"
    // → French 1.0, English 0.93): a close second English is taken, with a diagnostic.
    const english = ranked.find(([lang]) => lang === 'eng');
    if (best !== 'eng' && english && english[1] >= CLOSE_CALL) {
      const note = diagnostic('LANGUAGE_UNCERTAIN', 'language', `'${best}' and English score within ${Math.round((1 - english[1]) * 100)}%: English assumed`);
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
