/**
 * PETRARCH agent dictionaries (`Phoenix.agents.txt`): role words that turn an actor into a sector.
 *
 *   !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON        substitution set (blanks or `_` around items)
 *   AMBASSADOR [~GOV]                                 regular plural AMBASSADORS generated
 *   GENDARMERY {GENDARMERIE} [~COP]                   irregular plural(s) in braces
 *   POLICE {} [~COP]                                  `{}`: no plural
 *   CONGRESS!PERSON! [~LEG]                           one agent per item, no plural formed
 *   TRUCE_MONITOR [IGO~]                              prefix code
 *
 * `[~XXX]` codes are suffixes (added after the actor code), `[XXX~]` prefixes (added before it).
 * Phrase words follow `words.ts` (trailing `_` whole word, otherwise the last word is a stem).
 */
import { bracketGroups, contentLines, type DictionaryProblem, type SourceRef } from './source.js';
import { parsePhrase, PhraseIndex, pluralOf } from './words.js';

export interface AgentEntry {
  readonly phrases: readonly (readonly string[])[];
  /** Parallel to `phrases`: whether the last word must match whole. */
  readonly exact: readonly boolean[];
  /** As written, with its `~`: `~GOV` (suffix) or `NGO~` (prefix). */
  readonly code: string;
  readonly source: SourceRef;
}

export interface AgentMatch {
  readonly length: number;
  readonly code: string;
  readonly entry: AgentEntry;
}

const AGENT_CODE = /^(~[^\s~]+|[^\s~]+~)$/;

/** Parses one agents file. */
export function parseAgents(text: string, file: string): { entries: AgentEntry[]; problems: DictionaryProblem[] } {
  const entries: AgentEntry[] = [];
  const problems: DictionaryProblem[] = [];
  const sets = new Map<string, string[]>();
  for (const { line, text: raw } of contentLines(text)) {
    const t = raw.trim();
    const def = /^!([^!\s]+)!\s*[_\s]*=[_\s]*(.*)$/.exec(t);
    if (def) {
      const items = def[2]
        .split(',')
        .map((x) => x.replace(/_+/g, ' ').trim().replace(/ /g, '_'))
        .filter((x) => x !== '');
      if (items.length === 0) problems.push({ file, line, message: `substitution set !${def[1]}! has no items; line skipped` });
      else if (items.some((x) => x.includes('!'))) problems.push({ file, line, message: `substitution set !${def[1]}! contains a marker; line skipped` });
      else sets.set(def[1], items);
      continue;
    }
    const { before, groups, after, unclosed } = bracketGroups(t);
    if (unclosed) {
      problems.push({ file, line, message: '"[" without "]" in agent code; line skipped' });
      continue;
    }
    if (groups.length === 0) {
      problems.push({ file, line, message: 'agent has no [code]; line skipped' });
      continue;
    }
    if (groups.length > 1 || after !== '') {
      problems.push({ file, line, message: 'agent line has text or a second code after its code; line skipped' });
      continue;
    }
    const code = groups[0].trim();
    if (!AGENT_CODE.test(code)) {
      problems.push({ file, line, message: `agent code "${code}" has no "~" (expected ~XXX or XXX~); line skipped` });
      continue;
    }
    let phraseText = before;
    let plurals: string[] | undefined;
    const brace = before.indexOf('{');
    if (brace >= 0) {
      const close = before.indexOf('}', brace);
      if (close < 0) {
        problems.push({ file, line, message: '"{" without "}" in plural; line skipped' });
        continue;
      }
      plurals = before.slice(brace + 1, close).split(/\s+/).filter((p) => p !== '');
      phraseText = before.slice(0, brace);
    }
    // substitution markers: one agent per item, no plural formed
    const expanded = expandMarkers(phraseText, sets);
    if (typeof expanded === 'string') {
      problems.push({ file, line, message: `${expanded}; line skipped` });
      continue;
    }
    const substituted = expanded.length > 1 || expanded[0] !== phraseText;
    const phrases: string[][] = [];
    const exact: boolean[] = [];
    for (const p of expanded) {
      const parsed = parsePhrase(p);
      for (const v of parsed.variants) {
        phrases.push(v);
        exact.push(parsed.exact);
        if (substituted || plurals !== undefined) continue;
        phrases.push([...v.slice(0, -1), pluralOf(v[v.length - 1])]);
        exact.push(parsed.exact);
      }
    }
    for (const p of plurals ?? []) {
      const parsed = parsePhrase(p);
      for (const v of parsed.variants) {
        phrases.push(v);
        exact.push(parsed.exact);
      }
    }
    if (phrases.length === 0) {
      problems.push({ file, line, message: 'no words in agent phrase; line skipped' });
      continue;
    }
    entries.push({ phrases, exact, code, source: { file, line } });
  }
  return { entries, problems };
}

/** Every substitution of the `!SET!` markers in a phrase, or a message when one is unknown or unclosed. */
function expandMarkers(phrase: string, sets: ReadonlyMap<string, readonly string[]>): string[] | string {
  const m = /!([^!\s]+)!/.exec(phrase);
  if (!m) return phrase.includes('!') ? `unclosed substitution marker in "${phrase.trim()}"` : [phrase];
  const items = sets.get(m[1]);
  if (!items) return `substitution set !${m[1]}! is not defined`;
  const out: string[] = [];
  for (const item of items) {
    const rest = expandMarkers(phrase.slice(0, m.index) + item + phrase.slice(m.index + m[0].length), sets);
    if (typeof rest === 'string') return rest;
    out.push(...rest);
  }
  return out;
}

export class AgentDictionary {
  readonly entries: readonly AgentEntry[];
  private readonly index = new PhraseIndex<AgentEntry>();

  constructor(entries: readonly AgentEntry[]) {
    this.entries = entries;
    for (const entry of entries) entry.phrases.forEach((words, i) => this.index.add(words, entry.exact[i], entry));
  }

  get phraseCount(): number {
    return this.index.size;
  }

  /** The longest agent phrase starting at token index `at`. */
  match(words: readonly string[], at: number, norm?: (i: number) => string): AgentMatch | undefined {
    const m = this.index.match(words, at, norm);
    return m ? { length: m.length, code: m.phrase.value.code, entry: m.phrase.value } : undefined;
  }
}

/**
 * The code of an actor qualified by an agent ("Freedonian ambassadors": `FRD` + `~GOV` → `FRDGOV`).
 * A suffix agent `~XXX` is appended and a prefix agent `XXX~` prepended; a suffix the actor code already
 * ends with (or a prefix it already starts with) is not repeated (`FRDGOV` + `~GOV` → `FRDGOV`).
 * With no actor (empty or `---`) the missing actor is written `---`: `~GOV` → `---GOV`, `IGO~` → `IGO---`.
 */
export function composeActorCode(actorCode: string, agentCode: string): string {
  const actor = actorCode.trim() === '' ? '---' : actorCode.trim();
  const agent = agentCode.trim();
  if (agent.startsWith('~')) {
    const suffix = agent.slice(1);
    return actor !== '---' && actor.endsWith(suffix) ? actor : actor + suffix;
  }
  if (agent.endsWith('~')) {
    const prefix = agent.slice(0, -1);
    return actor !== '---' && actor.startsWith(prefix) ? actor : prefix + actor;
  }
  return actor === '---' ? '---' + agent : actor + agent;
}
