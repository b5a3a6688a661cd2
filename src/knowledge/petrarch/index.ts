/** PETRARCH/TABARI dictionary importers: the public surface. */
export { ActorDictionary, codeOn, isoDate, parseActors, parseDatedCode, type ActorEntry, type ActorMatch, type DatedCode } from './actors.js';
export { AgentDictionary, composeActorCode, parseAgents, type AgentEntry, type AgentMatch } from './agents.js';
export { DiscardList, parseDiscards, type DiscardEntry, type DiscardKind, type DiscardMatch } from './discards.js';
export { expandIssuePhrase, IssueDictionary, parseIssues, type IssueEntry, type IssueKind, type IssueMatch } from './issues.js';
export { loadDictionaries, type DictionaryFiles, type LoadedDictionaries } from './load.js';
export { readDictionaryFile, type DictionaryProblem, type SourceRef } from './source.js';
export { matchVerbPatterns, type VerbMatch, type VerbSentenceToken, type VerbSentenceView } from './verb-match.js';
export {
  parseVerbs,
  regularVerbForms,
  VerbDictionaryBuilder,
  verbStats,
  type PatternElement,
  type Synset,
  type Transformation,
  type VerbBlock,
  type VerbDictionary,
  type VerbEntry,
  type VerbPattern,
} from './verbs.js';
export { isJoiner, MIN_STEM, normalizer, normalizeWord, parsePhrase, PhraseIndex } from './words.js';
