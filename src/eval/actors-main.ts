/**
 * `npm run eval:actors [-- --corpora DIR] [--docs] [--errors N]`
 *
 * 1. Coreference on GUM dev with gold mentions: every annotated GUM span of the dev documents (Reddit
 *    documents ship without words and are skipped) is handed to the clusterer as a candidate mention
 *    (head from our own parse of the gold words, kind from its part of speech, type from the GUM entity
 *    type); MUC, B³, CEAF-e and their mean (CoNLL F1) for the same-head-word baseline and for the
 *    coreference stage's `clusterMentions` (src/stages/coref/cluster.ts) when it is built.
 * 2. Actor country, sector and coverage on the PLOVER gold records, coded with the whole pipeline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corporaDir } from '../models/paths.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { defaultLocations, loadResources } from '../pipeline/resources.js';
import { loadActorLexicon } from '../knowledge/actors/lexicon.js';
import { clusterMentions } from '../stages/coref/cluster.js';
import { countryResolver } from '../stages/coref/countries.js';
import { actorViews, scoreActors, type Tally } from './actors.js';
import { clustersFromLinks, CorefScorer, sameHeadBaseline, withoutSingletons, type ClusterFunction, type CorefScores } from './coref.js';
import { devDocuments, loadGumCases, readUdDocuments, type CorefCase } from './gum-coref.js';
import { readGsr } from './gsr.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
const row = (label: string, s: CorefScores): string =>
  `${label.padEnd(26)}${[s.muc, s.bcubed, s.ceafe].map((m) => `${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)}`).join('  |')}  |${pct(s.conll)}`;
const HEADER = `${''.padEnd(26)}${['MUC', 'B³', 'CEAF-e'].map((m) => `${m.padEnd(6)}     P      R     F1`.slice(-20)).join('  |')}  |  CoNLL`;

const NEWS_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'LOC']);

interface System {
  label: string;
  all: CorefScorer;
  noSingletons: CorefScorer;
  newsTypes: CorefScorer;
  perDoc: Array<{ name: string; conll: number }>;
  /** Links to an antecedent, by reason: how many, and how many join two mentions of the same gold entity. */
  reasons: Map<string, { links: number; right: number }>;
  /** Mentions with a gold antecedent, by "anaphor kind <- nearest gold antecedent kind" (and whether the heads differ): how many, and how many put in the antecedent's cluster. */
  recalls: Map<string, { links: number; right: number }>;
  /** First mentions of gold entities wrongly linked, by anaphor kind. */
  falseLinks: Map<string, number>;
}

function evaluate(label: string, cluster: ClusterFunction, cases: readonly CorefCase[]): System {
  const sys: System = { label, all: new CorefScorer(), noSingletons: new CorefScorer(), newsTypes: new CorefScorer(), perDoc: [], reasons: new Map(), recalls: new Map(), falseLinks: new Map() };
  for (const c of cases) {
    const links = cluster(c.view, c.mentions);
    if (links.length !== c.mentions.length) throw new Error(`${label}: ${links.length} links for ${c.mentions.length} mentions in ${c.name}`);
    const response = clustersFromLinks(links);
    const entityOf = new Map<number, number>();
    c.key.forEach((e, i) => e.forEach((m) => entityOf.set(m, i)));
    links.forEach((l, i) => {
      if (l.antecedent === undefined) return;
      const r = sys.reasons.get(l.reason ?? '?') ?? { links: 0, right: 0 };
      r.links++;
      if (entityOf.get(i) === entityOf.get(l.antecedent)) r.right++;
      sys.reasons.set(l.reason ?? '?', r);
    });
    const headOf = (m: number): string => (c.view.tokens[c.mentions[m].head]?.text ?? '').toLowerCase();
    for (const e of c.key) {
      e.forEach((m, k) => {
        if (k === 0) {
          const l = links[m];
          if (l.antecedent !== undefined) sys.falseLinks.set(c.mentions[m].kind, (sys.falseLinks.get(c.mentions[m].kind) ?? 0) + 1);
          return;
        }
        const a = e[k - 1];
        const kinds = `${c.mentions[m].kind}<-${c.mentions[a].kind}`;
        const label = c.mentions[m].kind === 'pronoun' || c.mentions[a].kind === 'pronoun' ? kinds : `${kinds}${headOf(m) === headOf(a) ? ' same head' : ' other head'}`;
        const r = sys.recalls.get(label) ?? { links: 0, right: 0 };
        r.links++;
        if (links[m].cluster === links[a].cluster) r.right++;
        sys.recalls.set(label, r);
      });
    }
    sys.all.add(c.key, response);
    sys.noSingletons.add(withoutSingletons(c.key), withoutSingletons(response));
    const keep = (clustering: readonly number[][]): number[][] => clustering.map((e) => e.filter((m) => NEWS_TYPES.has(c.mentions[m].type))).filter((e) => e.length > 0);
    sys.newsTypes.add(keep(c.key), keep(response));
    const one = new CorefScorer();
    one.add(c.key, response);
    sys.perDoc.push({ name: c.name, conll: one.scores().conll });
  }
  return sys;
}

function corefEval(corpora: string): void {
  const gum = join(corpora, 'gum-extra');
  const dev = devDocuments(readFileSync(join(gum, 'splits.md'), 'utf8'));
  const ud = readUdDocuments(readFileSync(join(corpora, 'ud-english-gum', 'en_gum-ud-dev.permissive.conllu'), 'utf8'));
  const locations = defaultLocations();
  const { models, gazetteer } = loadResources(locations);
  const t = performance.now();
  const { cases, skipped, withUd, unpaired, duplicates } = loadGumCases(join(gum, 'coref-gum-conll'), dev, ud, models.tagger, models.parser);
  const prepMs = Math.round(performance.now() - t);
  const mentions = cases.reduce((s, c) => s + c.mentions.length, 0);
  const entities = cases.reduce((s, c) => s + c.key.length, 0);
  const chains = cases.reduce((s, c) => s + c.key.filter((e) => e.length > 1).length, 0);
  const words = cases.reduce((s, c) => s + c.view.tokens.length, 0);

  console.log('== Coreference on GUM dev — GOLD MENTIONS (every annotated GUM span is given to the clusterer; scores measure clustering only) ==');
  console.log(`documents ${cases.length} of ${dev.length} listed (${withUd} with UD GUM sentence breaks, ${cases.length - withUd} split at sentence-final punctuation); skipped: ${skipped.join(', ') || 'none'}`);
  console.log(`words ${words}, mentions ${mentions} (${duplicates} duplicate spans dropped, ${unpaired} unpaired brackets), entities ${entities} of which ${chains} with more than one mention`);
  console.log(`heads, kinds and GPE/LOC from our own tagger and parser on the gold words (${prepMs} ms)`);
  const systems = [evaluate('same-head baseline', sameHeadBaseline, cases)];
  // The coreference stage's clustering with the knowledge the stage gives it (actor lexicon, country names);
  // no title map: gold spans already include the titles.
  const knowledge = { lexicon: loadActorLexicon(locations.dataDir), countryOf: countryResolver(gazetteer), ...(models.coref ? { model: models.coref } : {}) };
  const ours: ClusterFunction = (view, mentions) => clusterMentions(view, mentions, knowledge);
  systems.push(evaluate('ours (clusterMentions)', ours, cases));
  for (const [title, pick] of [
    ['singletons included (GUM annotates them)', (s: System) => s.all],
    ['singletons excluded (from key and response, OntoNotes-style)', (s: System) => s.noSingletons],
    ['person/organization/place mentions only (PERSON, ORG, GPE, LOC)', (s: System) => s.newsTypes],
  ] as const) {
    console.log(`\n${title}`);
    console.log(HEADER);
    for (const s of systems) console.log(row(s.label, pick(s).scores()));
  }
  {
    const diff = systems[1].all.scores().conll - systems[0].all.scores().conll;
    const diffNo = systems[1].noSingletons.scores().conll - systems[0].noSingletons.scores().conll;
    console.log(`\nours − baseline: ${diff >= 0 ? '+' : ''}${(100 * diff).toFixed(2)} CoNLL points with singletons, ${diffNo >= 0 ? '+' : ''}${(100 * diffNo).toFixed(2)} without (target: ≥ +10) — ${diff >= 0.1 ? 'MET' : 'NOT MET'}`);
  }
  for (const s of systems.slice(1)) {
    const list = [...s.reasons].sort((a, b) => b[1].links - a[1].links);
    console.log(`${s.label}: links by rule (right = antecedent in the same gold entity): ${list.map(([reason, r]) => `${reason} ${r.right}/${r.links}`).join(', ')}`);
  }
  for (const s of systems) {
    const list = [...s.recalls].sort((a, b) => b[1].links - a[1].links);
    console.log(`${s.label}: gold links found (anaphor <- nearest gold antecedent, right/all): ${list.map(([k, r]) => `${k} ${r.right}/${r.links}`).join(', ')}; first mentions wrongly linked: ${[...s.falseLinks].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  if (process.argv.includes('--docs')) {
    console.log('\nper document, CoNLL F1 with singletons:');
    cases.forEach((c, i) => console.log(`  ${c.name.padEnd(28)} ${systems.map((s) => `${s.label} ${pct(s.perDoc[i].conll)}`).join('   ')}`));
  }
}

function accuracy(label: string, t: Tally): string {
  const ratio = (a: number, b: number): string => (b === 0 ? '  —  ' : (a / b).toFixed(3));
  return `${label.padEnd(34)} ${ratio(t.correct, t.total)}  (${t.correct}/${t.total})   over covered ${ratio(t.correct, t.covered)}  (${t.correct}/${t.covered})`;
}

function actorEval(corpora: string): void {
  const file = join(corpora, 'events', 'plover-gsr', 'PLOVER_GSR_CAMEO.json');
  const records = readGsr(readFileSync(file, 'utf8'));
  const pipeline = createPipeline();
  const stages = pipeline.stages.map((s) => s.name);
  const t = performance.now();
  const scores = scoreActors(records, (r) => {
    const doc = pipeline.annotate(r.text, { published: r.date });
    return actorViews(doc.getOr('actors', []), [...doc.getOr('entities', []), ...doc.getOr('mentions', [])]);
  });
  const ms = Math.round(performance.now() - t);
  console.log('\n== Actors on PLOVER GSR (country and sector of our actor at the gold actor text) ==');
  console.log(`records ${scores.records} (DOCUMENT skipped), gold actors ${scores.gold}, found verbatim in the text ${scores.located} (the rest are not scored: paraphrased or misspelt actor texts); coded in ${ms} ms`);
  console.log('gold codes: ISO 3166-1 alpha-3 except JAP→JPN, ITL→ITA, VTN→VNM; IGO/NGO/IMG/ISM are non-state (right when our actor has no country or the same code block); sector = first 3 letters (CIV≡CVL, JRN≡MED), *** = none');
  if (!stages.includes('actors')) console.log(`actors stage not in the pipeline yet (stages: ${stages.join(', ')}): figures are 0`);
  const ratio = (a: number, b: number): string => (b === 0 ? '—' : (a / b).toFixed(3));
  console.log(`${'coverage (any actor at the gold text)'.padEnd(34)} ${ratio(scores.covered, scores.located)}  (${scores.covered}/${scores.located})`);
  console.log(accuracy('country (gold with a country)', scores.country));
  console.log(accuracy('non-state gold codes', scores.nonState));
  console.log(accuracy('sector (gold with a sector)', scores.sector));
  const showErrors = Number(arg('--errors') ?? 0);
  if (showErrors > 0) {
    const wrong = scores.cases.filter((c) => c.span && (!c.actor || (c.gold.country !== '' && c.actor.country !== c.gold.country)));
    console.log(`\nmissed or wrong country, ${wrong.length} (first ${showErrors}):`);
    for (const c of wrong.slice(0, showErrors)) console.log(`  ${c.record} ${c.gold.role} "${c.gold.text}" gold ${c.gold.code}/${c.gold.sector || '-'} → ${c.actor ? `${c.actor.name} ${c.actor.country || '(none)'} ${c.actor.sectors.join('/') || '-'}` : 'no actor'}`);
    const unlocated = scores.cases.filter((c) => !c.span);
    console.log(`\nnot found verbatim, ${unlocated.length}: ${unlocated.map((c) => `${c.record} "${c.gold.text}"`).join('; ')}`);
  }
}

function main(): void {
  const corpora = corporaDir(arg('--corpora'));
  corefEval(corpora);
  actorEval(corpora);
}

main();
