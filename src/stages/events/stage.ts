/**
 * The events stage: who did what to whom, when, where — CAMEO and PLOVER codes from our own pattern
 * dictionary (data/events/patterns.txt) over the dependency parse, with actors from the `mentions` and
 * `actors` layers, dates, places and quantities attached, and PLOVER contexts for each event and for the
 * whole document (the `contexts` layer). See code.ts for the coding decisions and docs/CODEBOOK.md.
 */
import type { Gazetteer } from '../../knowledge/gazetteer/gazetteer.js';
import type { VerbDictionary } from '../../knowledge/petrarch/verbs.js';
import type { Stage } from '../../pipeline/stage.js';
import { countryResolver } from '../coref/countries.js';
import { ArgumentResolver } from './arguments.js';
import { codeDocument, EVENTS_STAGE_VERSION } from './code.js';
import { loadEventsLexicon, type EventsLexicon } from './lexicon.js';
import { Tree } from './tree.js';

export interface EventsStageOptions {
  /** Country names and regular demonyms for arguments no actor covers ("Serb forces", "Burundian militiamen"). */
  gazetteer?: Gazetteer;
  /** An imported verb dictionary: when it has verb blocks, its patterns code events in place of ours. */
  verbs?: VerbDictionary;
}

export function createEventsStageFromLexicon(lexicon: EventsLexicon, options: EventsStageOptions = {}): Stage {
  const countryOf = options.gazetteer ? countryResolver(options.gazetteer) : undefined;
  const verbs = options.verbs && options.verbs.blocks.length > 0 ? options.verbs : undefined;
  const stage: Stage = {
    name: 'events',
    version: EVENTS_STAGE_VERSION,
    // Dates, places, quantities, mentions and actors are used when an earlier stage wrote them (the standard
    // list does); without them events are still coded, dated by publication and without actors from coreference.
    // A `discards` layer (the dictionary stage, with --discards) keeps its sentences, or the story, out.
    reads: ['sentences', 'tokens', 'pos', 'deps'],
    writes: ['events', 'contexts'],
    run(doc) {
      const tokens = doc.get('tokens');
      const tree = new Tree(tokens, doc.get('pos').items, doc.get('deps').items);
      const places = doc.getOr('places', []);
      const dateline = doc.getOr('dateline', null);
      const datelinePlace = dateline ? places.find((p) => p.start >= dateline.start && p.end <= dateline.end) : undefined;
      const resolver = new ArgumentResolver(tree, doc.getOr('mentions', []), doc.getOr('actors', []), places, lexicon.demonyms, countryOf);
      const discards = doc.getOr('discards', { story: false, sentences: [], matches: [], prov: { stage: 'events', version: EVENTS_STAGE_VERSION } });
      const { events, contexts } = codeDocument({
        ...(verbs ? { verbs } : {}),
        ...(discards.story || discards.sentences.length > 0 ? { discards } : {}),
        text: doc.text,
        ...(doc.meta.published ? { published: doc.meta.published } : {}),
        ...(doc.meta.title ? { title: doc.meta.title } : {}),
        tree,
        sentences: doc.get('sentences'),
        dates: doc.getOr('dates', []),
        places,
        quantities: doc.getOr('quantities', []),
        ...(datelinePlace ? { datelinePlace } : {}),
        resolver,
        lexicon,
      });
      return { layers: { events, contexts } };
    },
  };
  return Object.freeze(stage);
}

/** The events stage with its patterns and word lists loaded once from `dataDir` (dist/data). */
export function createEventsStage(options: { dataDir: string } & EventsStageOptions): Stage {
  return createEventsStageFromLexicon(loadEventsLexicon(options.dataDir), options);
}
