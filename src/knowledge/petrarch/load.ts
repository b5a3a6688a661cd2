/**
 * Loads PETRARCH/TABARI dictionaries from files. Every malformed line is one problem (file, line,
 * message) and is skipped; a missing, unreadable or binary file is one problem (line 0), never a crash.
 * Several files of a kind are merged in the order given: on an identical actor or agent phrase the later
 * file wins, and verb files share their synsets.
 */
import { ActorDictionary, parseActors, type ActorEntry } from './actors.js';
import { AgentDictionary, parseAgents, type AgentEntry } from './agents.js';
import { DiscardList, parseDiscards, type DiscardEntry } from './discards.js';
import { IssueDictionary, parseIssues, type IssueEntry } from './issues.js';
import { readDictionaryFile, type DictionaryProblem } from './source.js';
import { VerbDictionaryBuilder, type VerbDictionary } from './verbs.js';

export interface DictionaryFiles {
  readonly actors?: readonly string[];
  readonly agents?: readonly string[];
  readonly discards?: readonly string[];
  readonly issues?: readonly string[];
  readonly verbs?: readonly string[];
}

export interface LoadedDictionaries {
  readonly actors: ActorDictionary;
  readonly agents: AgentDictionary;
  readonly discards: DiscardList;
  readonly issues: IssueDictionary;
  readonly verbs: VerbDictionary;
  readonly problems: DictionaryProblem[];
}

export function loadDictionaries(files: DictionaryFiles): LoadedDictionaries {
  const problems: DictionaryProblem[] = [];
  const each = <T>(paths: readonly string[] | undefined, parse: (text: string, file: string) => { entries: T[]; problems: DictionaryProblem[] }): T[] => {
    const out: T[] = [];
    for (const file of paths ?? []) {
      const read = readDictionaryFile(file);
      problems.push(...read.problems);
      if (read.text === undefined) continue;
      const parsed = parse(read.text, file);
      problems.push(...parsed.problems);
      for (const e of parsed.entries) out.push(e);
    }
    return out;
  };
  const actors = new ActorDictionary(each<ActorEntry>(files.actors, parseActors));
  const agents = new AgentDictionary(each<AgentEntry>(files.agents, parseAgents));
  const discards = new DiscardList(each<DiscardEntry>(files.discards, parseDiscards));
  const issues = new IssueDictionary(each<IssueEntry>(files.issues, parseIssues));
  const builder = new VerbDictionaryBuilder();
  for (const file of files.verbs ?? []) {
    const read = readDictionaryFile(file);
    problems.push(...read.problems);
    if (read.text !== undefined) builder.add(read.text, file);
  }
  const verbs = builder.finish();
  problems.push(...builder.problems);
  return { actors, agents, discards, issues, verbs, problems };
}
