export { createEventsStage, createEventsStageFromLexicon } from './stage.js';
export { compilePatternFile, parsePatternLine, PatternError, type EventPattern } from './patterns.js';
export { loadEventsLexicon, eventsLexiconFrom, type EventsLexicon } from './lexicon.js';
