import type { Mention } from '../../core/layers.js';
import type { Gazetteer } from '../../knowledge/gazetteer/gazetteer.js';
import type { ActorLexicon } from '../../knowledge/actors/lexicon.js';
import type { ActorMemory, AsOf } from '../../knowledge/actors/memory.js';
import type { Stage } from '../../pipeline/stage.js';
import { clusterMentions } from './cluster.js';
import type { RankingModel } from './ranker.js';
import { detectMentions } from './detect.js';
import { countryResolver } from './countries.js';

export const COREF_VERSION = '1.0.0';

/**
 * Coreference within the document: writes the `mentions` layer (names, role descriptions, pronouns),
 * each with its cluster and the rule that linked it (or the ranking model, when one is loaded). Named mentions keep their entity's id.
 */
export function createCorefStage(lexicon: ActorLexicon, gazetteer: Gazetteer, memory?: ActorMemory, model?: RankingModel): Stage {
  const countryOf = countryResolver(gazetteer, lexicon);
  // Names known before the story: a lone surname the tagger misses ("Blinken received …") is still a person.
  const knownPerson = (word: string, asOf: AsOf): boolean => word.length > 2 && (lexicon.knowsPerson(word) || (memory?.knows(word, asOf) ?? false));
  return {
    name: 'coref',
    version: COREF_VERSION,
    reads: ['sentences', 'tokens', 'pos', 'deps', 'entities'],
    writes: ['mentions'],
    run(doc) {
      const view = { text: doc.text, tokens: doc.get('tokens'), pos: doc.get('pos').items, deps: doc.get('deps').items, sentences: doc.get('sentences') };
      const asOf: AsOf = { ...(doc.meta.published ? { published: doc.meta.published } : {}), documentId: doc.meta.id };
      const detected = detectMentions({ ...view, entities: doc.get('entities'), lexicon, countryOf, knownPerson: (word: string) => knownPerson(word, asOf) });
      const titles = new Map<number, string>();
      for (let i = 0; i < detected.length; i++) {
        const title = detected[i].title;
        if (title) titles.set(i, title.text);
      }
      const links = clusterMentions(view, detected, { lexicon, countryOf, titles, ...(model ? { model } : {}) });
      // Loops, not per-call .map callbacks (see pipeline/columns.ts).
      const ids: string[] = [];
      for (let i = 0; i < detected.length; i++) ids.push(detected[i].entity ?? `m${i + 1}`);
      const mentions: Mention[] = [];
      for (let i = 0; i < detected.length; i++) {
        const m = detected[i];
        const link = links[i];
        mentions.push({
          id: ids[i],
          text: m.text,
          start: m.start,
          end: m.end,
          head: m.head,
          kind: m.kind,
          type: m.type,
          // Every mention has every key (absent ones undefined, which JSON leaves out): one object shape for the
          // stages that read them, so optimised code does not meet a new shape late in a run.
          entity: m.entity || undefined,
          cluster: `c${link.cluster + 1}`,
          link: link.antecedent !== undefined ? { antecedent: ids[link.antecedent], reason: link.reason ?? 'linked' } : undefined,
          prov: { stage: 'coref', rule: link.reason ?? 'first mention', version: COREF_VERSION },
        });
      }
      return { layers: { mentions } };
    },
  };
}
