import { loadActorLexicon } from '../knowledge/actors/lexicon.js';
import { createCorefStage } from '../stages/coref/stage.js';
import { createActorsStage } from '../stages/actors/stage.js';
import type { ActorMemory } from '../knowledge/actors/memory.js';
import type { LoadedDictionaries } from '../knowledge/petrarch/load.js';
import { dictionaryLookup } from '../stages/actors/dictionary.js';
import { createDictionaryStage } from '../stages/dictionary/stage.js';
import { datelineStage } from '../stages/dateline/stage.js';
import { entitiesStage } from '../stages/entities/stage.js';
import { createEventsStage } from '../stages/events/stage.js';
import { languageStage } from '../stages/language/stage.js';
import { parseStage } from '../stages/parse/stage.js';
import { createPlacesStage } from '../stages/places/stage.js';
import { createQuantitiesStage } from '../stages/quantities/stage.js';
import { createQuotesStage } from '../stages/quotes/stage.js';
import { segmentStage } from '../stages/segment/stage.js';
import { tagStage } from '../stages/tag/stage.js';
import { createTimeStage } from '../stages/time/stage.js';
import type { ResourceLocations, Resources } from './resources.js';
import type { Stage } from './stage.js';

/**
 * The pipeline, in order: one literal list. Stages that carry compiled lexicons are built here from
 * the data folder or the loaded resources (once per pipeline); later issues add their stages here, and only here.
 */
/** What a pipeline may bring beyond the shipped data: the actor store's memory, imported dictionaries. */
export interface StageExtras {
  readonly actorMemory?: ActorMemory;
  /** Imported PETRARCH/TABARI dictionaries (`--actors`, `--agents`, `--discards`, `--issues`, `--verbs`). */
  readonly dictionaries?: LoadedDictionaries;
}

export function standardStages(locations: ResourceLocations, resources: Resources, extras: StageExtras = {}): readonly Stage[] {
  const actorLexicon = loadActorLexicon(locations.dataDir);
  const dictionaries = extras.dictionaries;
  const actorDictionary = dictionaries ? dictionaryLookup(dictionaries.actors, dictionaries.agents) : undefined;
  const dictionaryStage =
    dictionaries && (dictionaries.discards.entries.length > 0 || dictionaries.issues.entries.length > 0) ? [createDictionaryStage(dictionaries.discards, dictionaries.issues)] : [];
  return Object.freeze([
    languageStage,
    datelineStage,
    segmentStage,
    ...dictionaryStage,
    tagStage,
    parseStage,
    entitiesStage,
    createTimeStage({ dataDir: locations.dataDir }),
    createPlacesStage(resources.gazetteer),
    createQuantitiesStage({ dataDir: locations.dataDir }),
    createQuotesStage({ dataDir: locations.dataDir }),
    createCorefStage(actorLexicon, resources.gazetteer, extras.actorMemory, resources.models.coref),
    createActorsStage({
      lexicon: actorLexicon,
      gazetteer: resources.gazetteer,
      ...(extras.actorMemory ? { memory: extras.actorMemory } : {}),
      ...(actorDictionary ? { dictionary: actorDictionary } : {}),
    }),
    createEventsStage({ dataDir: locations.dataDir, gazetteer: resources.gazetteer, ...(dictionaries ? { verbs: dictionaries.verbs } : {}) }),
  ]);
}
