/**
 * Annotation layers. Each record is readonly, refers to others by id, and carries `prov`. Located
 * records have flat `start`/`end` (UTF-16, half-open) so that they serialise to the output contract as
 * they are; records without a place in the text point to what they were derived from instead.
 */
import type { Provenance } from './provenance.js';

export interface Token {
  readonly start: number;
  readonly end: number;
  /** Always `text.slice(start, end)`. */
  readonly text: string;
  /** Normalised form used by models (quote folding etc.); the text itself never changes. */
  readonly norm: string;
  /** Whether whitespace follows the token in the text. */
  readonly spaceAfter: boolean;
  /** Index into the sentences layer. */
  readonly sentence: number;
}

/** Part of speech and lemma of one token (the `pos` layer is parallel to `tokens`). */
export interface PosTag {
  readonly upos: string;
  readonly xpos: string;
  readonly lemma: string;
}

/** Dependency of one token (the `deps` layer is parallel to `tokens`). */
export interface Dependency {
  /** Index (into the tokens layer) of the syntactic head, or -1 for the sentence root. */
  readonly head: number;
  readonly deprel: string;
}

/** A token-parallel layer: one item per token, one provenance for the whole layer. */
export interface TokenLayer<T> {
  readonly items: readonly T[];
  readonly prov: Provenance;
}

export interface Sentence {
  readonly start: number;
  readonly end: number;
  /** Index of the first token of the sentence in the tokens layer, and one past its last. */
  readonly tokenStart: number;
  readonly tokenEnd: number;
  readonly prov: Provenance;
}

export interface Dateline {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The place named by the dateline, once places are resolved. */
  readonly placeId?: string;
  /** The wire agency named in the dateline, e.g. EFE, Reuters, AP. */
  readonly agency?: string;
  readonly prov: Provenance;
}

export type EntityType = 'PERSON' | 'ORG' | 'LOC' | 'GPE' | 'NORP' | 'OTHER';

export interface Entity {
  readonly id: string;
  readonly type: EntityType;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly cluster?: string;
  readonly prov: Provenance;
}

export type MentionKind = 'name' | 'nominal' | 'pronoun';

/**
 * A mention that takes part in coreference: a named entity, a role description ("the foreign
 * minister") or a pronoun. A mention made from a named entity has the entity's id.
 */
export interface Mention {
  readonly id: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Token index (into the tokens layer) of the mention's head word. */
  readonly head: number;
  readonly kind: MentionKind;
  readonly type: EntityType;
  /** The named entity this mention is, when it is one. */
  readonly entity?: string;
  /** Cluster id shared by every mention of the same referent in the document. */
  readonly cluster: string;
  /** Why this mention joined its cluster: the earlier mention it was linked to and the rule; absent for a cluster's first mention. */
  readonly link?: { readonly antecedent: string; readonly reason: string };
  readonly prov: Provenance;
}

export interface Actor {
  readonly id: string;
  readonly name: string;
  /** CAMEO actor code: country + role blocks, e.g. USAGOV, MEXMIL, IGOUNO; `---` blocks when unknown. */
  readonly code: string;
  /** ISO 3166-1 alpha-3, or '' when not known. */
  readonly country: string;
  /** Sector codes (GOV, MIL, COP, …), most specific first. */
  readonly sectors: readonly string[];
  /** The same sectors as PLOVER/POLECAT names (Government, Military, Police, …). */
  readonly ploverSectors?: readonly string[];
  readonly title?: string;
  /** Coreference cluster the actor was coded from. */
  readonly cluster?: string;
  /** Ids of the actor's mentions (entity ids for named mentions, mention ids otherwise). */
  readonly mentions: readonly string[];
  /** For a group named by coordination ("Mexico and the United States"): the member actors' ids. */
  readonly members?: readonly string[];
  /** Where the code came from: the text of this story, the actor store, or an imported dictionary. */
  readonly basis?: 'text' | 'store' | 'dictionary' | 'knowledge';
  readonly prov: Provenance;
}

/** A person's role as a story states it ("US Secretary of State Antony Blinken"): what the actor store learns. */
export interface StatedRole {
  readonly actor: string;
  readonly name: string;
  readonly country: string;
  readonly sectors: readonly string[];
  readonly title?: string;
  /** The sentence that states it (index into sentences) and its span. */
  readonly sentence: number;
  readonly start: number;
  readonly end: number;
  readonly prov: Provenance;
}

/** What imported discard dictionaries removed from event coding: the whole story, or some sentences. */
export interface Discards {
  readonly story: boolean;
  /** Indexes of discarded sentences. */
  readonly sentences: readonly number[];
  readonly matches: ReadonlyArray<{ readonly kind: 'story' | 'sentence'; readonly phrase: string; readonly start: number; readonly end: number }>;
  readonly prov: Provenance;
}

/** An issue phrase of an imported issues dictionary found in a sentence (PETRARCH's issue coding). */
export interface IssueMention {
  readonly code: string;
  readonly category?: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  readonly prov: Provenance;
}

/** A quote's speaker resolved to an actor (written by the actors stage; quotes are written earlier). */
export interface QuoteSpeaker {
  readonly quote: string;
  readonly actor: string;
  readonly prov: Provenance;
}

export interface DateMention {
  readonly id: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly type: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  readonly value: string;
  readonly mod?: string;
  readonly prov: Provenance;
}

export interface Place {
  readonly id: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly country: string;
  readonly admin1?: string;
  readonly lat: number;
  readonly lon: number;
  readonly geonameId?: number;
  readonly featureCode?: string;
  readonly prov: Provenance;
}

export interface Quantity {
  readonly id: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly value: number;
  readonly qualifier?: string;
  readonly noun?: string;
  /** ISO 4217 currency code, `percent` or `percentage point`, when the quantity has a unit. */
  readonly unit?: string;
  readonly prov: Provenance;
}

export interface Quote {
  readonly id: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The speaker's actor id, once actors are coded. */
  readonly speaker?: string;
  readonly speakerText?: string;
  /** Where the speaker is named (or, for a pronoun, the earlier mention it stands for). */
  readonly speakerStart?: number;
  readonly speakerEnd?: number;
  readonly prov: Provenance;
}

export interface EventArgument {
  readonly code: string;
  readonly name?: string;
  readonly actor?: string;
  readonly text?: string;
  readonly start?: number;
  readonly end?: number;
}

export interface EventRecord {
  readonly id: string;
  readonly sentence: number;
  readonly trigger: { readonly text: string; readonly start: number; readonly end: number };
  readonly source: EventArgument | null;
  readonly target: EventArgument | null;
  readonly cameo: { readonly code: string; readonly root: string; readonly quadClass: number; readonly goldstein: number };
  readonly plover: {
    readonly type: string;
    readonly mode?: string;
    readonly contexts: readonly string[];
    /** The words of the text that gave the contexts (contexts that come with the CAMEO code have none). */
    readonly triggers?: readonly ContextTrigger[];
  };
  readonly date: { readonly value: string; readonly precision: 'day' | 'month' | 'year'; readonly basis: 'text' | 'published'; readonly dateId?: string };
  readonly place: { readonly placeId?: string; readonly name: string; readonly country: string; readonly lat: number; readonly lon: number } | null;
  readonly size?: { readonly dead?: number; readonly injured?: number; readonly arrested?: number; readonly participants?: number };
  readonly modality: { readonly negated: boolean; readonly future: boolean; readonly hypothetical: boolean };
  readonly confidence: number;
  readonly rule: string;
  readonly coder: string;
}

/** A word or phrase of the text that signals a PLOVER context ("fentanyl" → illegal_drugs). */
export interface ContextTrigger {
  readonly context: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A PLOVER context of the whole document, with the words that signal it. */
export interface DocumentContext {
  readonly context: string;
  /** Share of the document's context words that signal this context (0–1). */
  readonly weight: number;
  readonly triggers: readonly ContextTrigger[];
  readonly prov: Provenance;
}

/** Every layer a stage can write, by name. */
export interface Layers {
  language: { readonly code: string; readonly iso6393: string; readonly confidence: number; readonly prov: Provenance };
  dateline: Dateline | null;
  sentences: readonly Sentence[];
  tokens: readonly Token[];
  pos: TokenLayer<PosTag>;
  deps: TokenLayer<Dependency>;
  entities: readonly Entity[];
  mentions: readonly Mention[];
  actors: readonly Actor[];
  speakers: readonly QuoteSpeaker[];
  roles: readonly StatedRole[];
  discards: Discards;
  issues: readonly IssueMention[];
  dates: readonly DateMention[];
  places: readonly Place[];
  quantities: readonly Quantity[];
  quotes: readonly Quote[];
  events: readonly EventRecord[];
  contexts: readonly DocumentContext[];
}

export type LayerName = keyof Layers;
