import type { Discards, IssueMention } from '../../core/layers.js';
import type { DiscardList } from '../../knowledge/petrarch/discards.js';
import type { IssueDictionary } from '../../knowledge/petrarch/issues.js';
import type { Stage } from '../../pipeline/stage.js';

export const DICTIONARY_STAGE_VERSION = '1.0.0';

/**
 * Imported PETRARCH discard and issue dictionaries, applied sentence by sentence: a story discard keeps
 * the whole story out of event coding, a sentence discard its sentence; issue phrases become issue codes
 * (an exclusion phrase cancels the issues of its sentence, as in PETRARCH).
 */
export function createDictionaryStage(discards: DiscardList, issues: IssueDictionary): Stage {
  return {
    name: 'dictionary',
    version: DICTIONARY_STAGE_VERSION,
    reads: ['sentences', 'tokens'],
    writes: ['discards', 'issues'],
    run(doc) {
      const tokens = doc.get('tokens');
      const prov = { stage: 'dictionary', version: DICTIONARY_STAGE_VERSION };
      const matches: Array<Discards['matches'][number]> = [];
      const discarded: number[] = [];
      const found: IssueMention[] = [];
      let story = false;
      doc.get('sentences').forEach((s, si) => {
        const sentenceTokens = tokens.slice(s.tokenStart, s.tokenEnd);
        const words = sentenceTokens.map((t) => t.text);
        const span = (at: number, length: number): { start: number; end: number } => ({ start: sentenceTokens[at].start, end: sentenceTokens[at + length - 1].end });
        const d = discards.match(words);
        if (d) {
          matches.push({ kind: d.kind, phrase: d.phrase, ...span(d.at, d.length) });
          discarded.push(si);
          if (d.kind === 'story') story = true;
        }
        const hits = issues.find(words);
        if (hits.some((h) => h.kind !== 'issue')) return;
        for (const h of hits) {
          const where = span(h.at, h.length);
          found.push({ code: h.code, ...(h.category ? { category: h.category } : {}), text: doc.text.slice(where.start, where.end), ...where, sentence: si, prov: { ...prov, rule: `${h.entry.source.file}:${h.entry.source.line}` } });
        }
      });
      return { layers: { discards: { story, sentences: discarded, matches, prov }, issues: found } };
    },
  };
}
