import type { ActorLexicon } from '../../knowledge/actors/lexicon.js';
import type { ActorMemory } from '../../knowledge/actors/memory.js';
import type { Gazetteer } from '../../knowledge/gazetteer/gazetteer.js';
import type { Stage } from '../../pipeline/stage.js';
import { countryResolver, seatResolver } from '../coref/countries.js';
import { ACTORS_VERSION, codeActors, type ActorDictionaryLookup } from './code.js';

export interface ActorsStageOptions {
  readonly lexicon: ActorLexicon;
  readonly gazetteer: Gazetteer;
  /** Roles learned from earlier stories (the actor store). The stage only reads it: the ingest command adds the
   *  roles a stored story states (`roles` layer), so coding never depends on how documents were batched. */
  readonly memory?: ActorMemory;
  readonly dictionary?: ActorDictionaryLookup;
}

/** Actor coding of coreference clusters; also resolves quote speakers to actors and reports the roles stated. */
export function createActorsStage(options: ActorsStageOptions): Stage {
  const countryOf = countryResolver(options.gazetteer, options.lexicon);
  const seatOf = seatResolver(options.gazetteer);
  return {
    name: 'actors',
    version: ACTORS_VERSION,
    reads: ['sentences', 'tokens', 'pos', 'deps', 'mentions', 'quotes'],
    writes: ['actors', 'speakers', 'roles'],
    run(doc) {
      const published = doc.meta.published;
      const result = codeActors(
        {
          text: doc.text,
          tokens: doc.get('tokens'),
          pos: doc.get('pos').items,
          deps: doc.get('deps').items,
          sentences: doc.get('sentences'),
          mentions: doc.get('mentions'),
          quotes: doc.get('quotes'),
          ...(published ? { published } : {}),
          documentId: doc.meta.id,
        },
        { lexicon: options.lexicon, gazetteer: options.gazetteer, countryOf, seatOf, ...(options.memory ? { memory: options.memory } : {}), ...(options.dictionary ? { dictionary: options.dictionary } : {}) },
      );
      return { layers: result };
    },
  };
}
