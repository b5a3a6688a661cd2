/**
 * Imported PETRARCH/TABARI actor and agent dictionaries as an actor lookup: the longest dictionary actor
 * phrase inside a mention, its code on the story's date, and an agent word right after it composing the
 * code ("Freedonian ambassadors": FRD + ~GOV → FRDGOV); an agent alone gives ---GOV.
 */
import type { Token } from '../../core/layers.js';
import { composeActorCode, type AgentDictionary } from '../../knowledge/petrarch/agents.js';
import type { ActorDictionary } from '../../knowledge/petrarch/actors.js';
import type { ActorDictionaryLookup } from './code.js';

/** Splits a CAMEO-style code into a country block (when it looks like one) and 3-letter sector blocks. */
export function splitActorCode(code: string): { country: string; sectors: string[] } {
  const blocks = code.match(/.{1,3}/g) ?? [];
  const [first, ...rest] = blocks;
  const isCountry = first !== undefined && /^[A-Z]{3}$/.test(first) && first !== '---';
  return { country: isCountry ? first : '', sectors: (isCountry ? rest : blocks).filter((b) => b !== '---' && b.length === 3) };
}

export function dictionaryLookup(actors: ActorDictionary, agents: AgentDictionary): ActorDictionaryLookup | undefined {
  if (actors.phraseCount === 0 && agents.phraseCount === 0) return undefined;
  let cachedTokens: readonly Token[] | undefined;
  let words: string[] = [];
  return {
    match(tokens, at, end, date, options = {}) {
      if (tokens !== cachedTokens) {
        cachedTokens = tokens;
        words = tokens.map((t) => t.text);
      }
      for (let i = at; i < end; i++) {
        const hit = actors.match(words, i);
        if (hit) {
          let code = actors.codeOn(hit.entry, date);
          if (code === undefined) continue;
          const after = i + hit.length;
          const agent = after < words.length && tokens[after].sentence === tokens[i].sentence ? agents.match(words, after) : undefined;
          if (agent) code = composeActorCode(code, agent.code);
          const name = tokens
            .slice(i, after + (agent?.length ?? 0))
            .map((t) => t.text)
            .join(' ');
          return { code, ...splitActorCode(code), name };
        }
      }
      // An agent alone ("the ambassadors" → ---GOV) only for descriptions: agent stems must not code names
      // ("MAYOR" is a stem of "Mayorkas").
      if (options.names) return undefined;
      for (let i = at; i < end; i++) {
        const agent = agents.match(words, i);
        if (agent) {
          const code = composeActorCode('', agent.code);
          return { code, ...splitActorCode(code), name: tokens.slice(i, i + agent.length).map((t) => t.text).join(' ') };
        }
      }
      return undefined;
    },
  };
}
