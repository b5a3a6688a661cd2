/**
 * The events stage's knowledge, compiled from data/events/ (patterns, contexts, modality and size words),
 * data/gazetteer/demonyms.tsv and data/ontology/, and loaded once from a `dataDir`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOntology, type Ontology } from '../../ontology/ontology.js';
import type { EventPattern } from './patterns.js';

export type ModalityKind = 'negation' | 'future' | 'intent' | 'hypothetical';
export type SizeField = 'dead' | 'injured' | 'arrested' | 'participants';

export interface EventsLexicon {
  readonly patterns: readonly EventPattern[];
  /** Patterns by trigger word (verb and noun lemmas), most specific first. */
  readonly byVerb: ReadonlyMap<string, readonly EventPattern[]>;
  readonly byNoun: ReadonlyMap<string, readonly EventPattern[]>;
  /** Single context words, and phrases (lowercase words joined by a space) → context. */
  readonly contextWords: ReadonlyMap<string, string>;
  readonly contextPhrases: ReadonlyMap<string, string>;
  /** First words of the context phrases (a cheap test before trying a phrase). */
  readonly contextPhraseStarts: ReadonlySet<string>;
  /** For each first word, the lengths in words of the phrases it starts. */
  readonly contextPhraseLengths: ReadonlyMap<string, ReadonlySet<number>>;
  readonly modality: ReadonlyMap<string, ModalityKind>;
  readonly size: ReadonlyMap<string, SizeField>;
  /** Nationality adjective (lowercase) → ISO 3166-1 alpha-3. */
  readonly demonyms: ReadonlyMap<string, string>;
  /** Verbs whose subject judges, reports or stops the event its object names, not doing it (data/events/observers.tsv). */
  readonly observerVerbs: ReadonlySet<string>;
  readonly ontology: Ontology;
}

type Rows = readonly (readonly string[])[];

export function eventsLexiconFrom(parts: { patterns: readonly EventPattern[]; contexts: Rows; modality: Rows; size: Rows; demonyms: Rows; observers: Rows; ontology: Ontology }): EventsLexicon {
  const index = (pos: 'verb' | 'noun'): Map<string, EventPattern[]> => {
    const map = new Map<string, EventPattern[]>();
    for (const p of parts.patterns) {
      if (p.pos !== pos) continue;
      for (const lemma of p.lemmas) {
        const key = lemma.includes(' ') ? lemma.slice(lemma.lastIndexOf(' ') + 1) : lemma;
        const list = map.get(key) ?? [];
        list.push(p);
        map.set(key, list);
      }
    }
    for (const list of map.values()) list.sort((a, b) => b.specificity - a.specificity || b.code.length - a.code.length);
    return map;
  };
  const types = new Set(parts.ontology.ploverTypes().map((t) => t.type));
  for (const p of parts.patterns) {
    if (p.plover && !types.has(p.plover.type)) throw new Error(`events lexicon: ${p.line}: unknown PLOVER type "${p.plover.type}" in plover=`);
    if (p.plover?.mode && !parts.ontology.ploverModes(p.plover.type).some((m) => m.mode === p.plover?.mode)) throw new Error(`events lexicon: ${p.line}: unknown PLOVER mode "${p.plover.mode}" for ${p.plover.type}`);
  }
  const contextWords = new Map<string, string>();
  const contextPhrases = new Map<string, string>();
  for (const [word, context] of parts.contexts) {
    if (!parts.ontology.isContext(context)) throw new Error(`events lexicon: unknown PLOVER context "${context}" for "${word}"`);
    (word.includes(' ') ? contextPhrases : contextWords).set(word.toLowerCase(), context);
  }
  return {
    patterns: parts.patterns,
    byVerb: index('verb'),
    byNoun: index('noun'),
    contextWords,
    contextPhrases,
    contextPhraseStarts: new Set([...contextPhrases.keys()].map((k) => k.split(' ')[0])),
    contextPhraseLengths: phraseLengths(contextPhrases.keys()),
    modality: new Map(parts.modality.map(([w, k]) => [w.toLowerCase(), k as ModalityKind])),
    size: new Map(parts.size.map(([w, f]) => [w.toLowerCase(), f as SizeField])),
    demonyms: new Map(parts.demonyms.map(([w, c]) => [w.toLowerCase(), c])),
    observerVerbs: new Set(parts.observers.map(([w]) => w.toLowerCase())),
    ontology: parts.ontology,
  };
}

function phraseLengths(phrases: Iterable<string>): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const phrase of phrases) {
    const words = phrase.split(' ');
    const lengths = out.get(words[0]) ?? new Set<number>();
    lengths.add(words.length);
    out.set(words[0], lengths);
  }
  return out;
}

function read<T>(dataDir: string, file: string): T {
  const path = join(dataDir, file);
  if (!existsSync(path)) throw new Error(`missing compiled lexicon ${path} — run \`npm run build\``);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function loadEventsLexicon(dataDir: string): EventsLexicon {
  return eventsLexiconFrom({
    patterns: read<EventPattern[]>(dataDir, 'events/patterns.json'),
    contexts: read<string[][]>(dataDir, 'events/contexts.json'),
    modality: read<string[][]>(dataDir, 'events/modality.json'),
    size: read<string[][]>(dataDir, 'events/size.json'),
    demonyms: read<string[][]>(dataDir, 'gazetteer/demonyms.json'),
    observers: read<string[][]>(dataDir, 'events/observers.json'),
    ontology: loadOntology(dataDir),
  });
}
