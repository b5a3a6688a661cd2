/**
 * Prints what a set of PETRARCH/TABARI dictionaries loads into: entries per kind, synonyms and patterns,
 * problems (with the first few), load time and memory growth.
 *
 *   node dist/knowledge/petrarch/report.js --actors A.txt --actors B.txt --agents G.txt \
 *     --discards D.txt --issues I.txt --verbs V.txt
 *
 * Each option may be repeated. Only the files named on the command line are read.
 */
import { loadDictionaries, type DictionaryFiles } from './load.js';
import { verbStats } from './verbs.js';

const KINDS = ['actors', 'agents', 'discards', 'issues', 'verbs'] as const;
type Kind = (typeof KINDS)[number];

function parseArgs(argv: readonly string[]): { files: Record<Kind, string[]>; show: number } | string {
  const files: Record<Kind, string[]> = { actors: [], agents: [], discards: [], issues: [], verbs: [] };
  let show = 10;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(\w+)(?:=(.*))?$/.exec(a);
    if (!m) return `unexpected argument "${a}"`;
    const value = m[2] ?? argv[++i];
    if (value === undefined) return `${a} needs a value`;
    if (m[1] === 'show') show = Number(value);
    else if ((KINDS as readonly string[]).includes(m[1])) files[m[1] as Kind].push(value);
    else return `unknown option ${a}`;
  }
  return { files, show };
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`${args}\nusage: dict:report [--actors F]... [--agents F]... [--discards F]... [--issues F]... [--verbs F]... [--show N]`);
    return 2;
  }
  const before = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const d = loadDictionaries(args.files as DictionaryFiles);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const after = process.memoryUsage();

  let actorCodes = 0;
  let dated = 0;
  for (const e of d.actors.entries) {
    actorCodes += e.codes.length;
    dated += e.codes.filter((c) => c.from !== undefined || c.to !== undefined).length;
  }
  const actorLines = d.actors.entries.reduce((n, e) => n + e.phrases.length, 0);
  const story = d.discards.entries.filter((e) => e.kind === 'story').length;
  const exclusions = d.issues.entries.filter((e) => e.kind !== 'issue').length;
  const issueCodes = new Set(d.issues.entries.filter((e) => e.kind === 'issue').map((e) => e.code)).size;
  const v = verbStats(d.verbs);
  const out = [
    `files: ${KINDS.map((k) => `${k} ${args.files[k].length}`).join(', ')}`,
    `actors:   ${d.actors.entries.length} entries, ${actorLines} phrases (${actorLines - d.actors.entries.length} synonyms and variants), ${actorCodes} codes (${dated} dated)`,
    `agents:   ${d.agents.entries.length} entries, ${d.agents.phraseCount} phrases (plurals and substitutions included)`,
    `discards: ${d.discards.entries.length} phrases (${d.discards.entries.length - story} sentence, ${story} story)`,
    `issues:   ${d.issues.entries.length} phrases (${exclusions} exclusions), ${d.issues.phraseCount} expanded forms, ${issueCodes} issue codes`,
    `verbs:    ${v.blocks} blocks, ${v.verbs} verb lines, ${v.forms} verb forms, ${v.patterns} patterns, ${v.synsets} synsets (${v.synsetMembers} members), ${v.transformations} transformations`,
    `problems: ${d.problems.length}`,
    ...d.problems.slice(0, args.show).map((p) => `  ${p.file}:${p.line}: ${p.message}`),
    ...(d.problems.length > args.show ? [`  … ${d.problems.length - args.show} more (--show N)`] : []),
    `load time: ${ms.toFixed(0)} ms`,
    `memory growth: heap ${mb(after.heapUsed - before.heapUsed)}, RSS ${mb(after.rss - before.rss)} (RSS now ${mb(after.rss)})`,
  ];
  console.log(out.join('\n'));
  return 0;
}

process.exitCode = main();
