/**
 * `npm run eval:places [-- --corpora DIR] [--errors N]`: runs the pipeline with the places stage on
 * GeoVirus (../shared/corpora/geoparsing-dev/GeoVirus.xml by default) and prints recall, accuracy within
 * 161 km, median error and AUC. Uses the trained NER when models/ has it, and runs without NER otherwise
 * (saying so).
 */
import { join } from 'node:path';
import { corporaDir } from '../models/paths.js';
import { Doc } from '../core/document.js';
import type { Place } from '../core/layers.js';
import { loadResources, defaultLocations, type Resources } from '../pipeline/resources.js';
import { runStages } from '../pipeline/runner.js';
import type { Stage } from '../pipeline/stage.js';
import { defaultGazetteerDir, loadGazetteer } from '../knowledge/gazetteer/gazetteer.js';
import { createPlacesStage } from '../stages/places/stage.js';
import { handEntities, testResources } from '../stages/places/testing.js';
import { languageStage } from '../stages/language/stage.js';
import { datelineStage } from '../stages/dateline/stage.js';
import { segmentStage } from '../stages/segment/stage.js';
import { readGeoVirus, scorePlaces } from './places.js';
import type { Entity, EntityType } from '../core/layers.js';
import { EntityTagger, spansFromTags } from '../models/ner/ner.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const NER_TYPES: Record<string, EntityType> = { PER: 'PERSON', ORG: 'ORG', LOC: 'LOC', GPE: 'GPE' };

/** An entities stage over the trained NER model (the pipeline's own entities stage is the lead's to wire). */
function nerStage(ner: EntityTagger): Stage {
  return {
    name: 'entities',
    version: 'eval',
    reads: ['sentences', 'tokens'],
    writes: ['entities'],
    run(doc) {
      const tokens = doc.get('tokens');
      const entities: Entity[] = [];
      for (const sentence of doc.get('sentences')) {
        const words = tokens.slice(sentence.tokenStart, sentence.tokenEnd).map((t) => t.norm);
        for (const span of spansFromTags(ner.tag(words).tags)) {
          const first = tokens[sentence.tokenStart + span.start];
          const last = tokens[sentence.tokenStart + span.end - 1];
          entities.push({ id: `e${entities.length + 1}`, type: NER_TYPES[span.type] ?? 'OTHER', text: doc.text.slice(first.start, last.end), start: first.start, end: last.end, prov: { stage: 'entities', model: 'ner', version: 'eval' } });
        }
      }
      return { layers: { entities } };
    },
  };
}

function main(): void {
  const corpora = corporaDir(arg('--corpora'));
  const file = join(corpora, 'geoparsing-dev', 'GeoVirus.xml');
  const showErrors = Number(arg('--errors') ?? 0);
  let t = performance.now();
  const gazetteer = loadGazetteer(defaultGazetteerDir());
  console.log(`gazetteer: ${gazetteer.size} entries loaded in ${Math.round(performance.now() - t)} ms`);
  const places = createPlacesStage(gazetteer);
  let resources: Resources;
  let stages: Stage[];
  let mode: string;
  if (process.argv.includes('--no-ner')) {
    resources = testResources();
    stages = [languageStage, datelineStage, segmentStage, handEntities([]), places];
    mode = 'without NER (--no-ner)';
  } else {
    try {
      const locations = defaultLocations();
      resources = loadResources(locations);
      stages = [languageStage, datelineStage, segmentStage, nerStage(EntityTagger.load(locations.modelsDir)), places];
      mode = 'with the trained NER';
    } catch (error) {
      resources = testResources();
      stages = [languageStage, datelineStage, segmentStage, handEntities([]), places];
      mode = `without NER (models not loadable: ${(error as Error).message.split('\n')[0]})`;
    }
  }
  const articles = readGeoVirus(file);
  let placesMs = 0;
  let words = 0;
  t = performance.now();
  const docs: Doc[] = [];
  const scores = scorePlaces(articles, (text) => {
    const doc = runStages(new Doc(text, { id: 'geovirus' }), stages.slice(0, -1), resources);
    docs.push(doc);
    words += doc.getOr('tokens', []).length;
    const s = performance.now();
    const out = places.run(doc, resources).layers.places as readonly Place[];
    placesMs += performance.now() - s;
    return out;
  });
  const f = (x: number): string => x.toFixed(3);
  console.log(`GeoVirus (${file}), ${mode}`);
  console.log(`articles ${scores.articles}, gold toponyms ${scores.gold}, predicted places ${scores.predicted}`);
  console.log(`recall ${f(scores.recall)}  precision (spans) ${f(scores.precision)}  accuracy@161km ${f(scores.accuracy161)}  median error ${scores.medianKm.toFixed(1)} km  AUC ${f(scores.auc)}`);
  const wholeRun = Math.round(performance.now() - t);
  // Steady state: the same documents again, five times (a long-running process is past JIT warm-up); median pass.
  const passes: number[] = [];
  for (let p = 0; p < 5; p++) {
    const s = performance.now();
    for (const doc of docs) places.run(doc, resources);
    passes.push((performance.now() - s) / docs.length);
  }
  passes.sort((a, b) => a - b);
  const per600 = (ms: number): string => ((ms / (words / scores.articles)) * 600).toFixed(3);
  console.log(`places stage: first pass ${(placesMs / scores.articles).toFixed(3)} ms per article (${Math.round(words / scores.articles)} tokens on average; ${per600(placesMs / scores.articles)} ms per 600 tokens), steady state ${passes[2].toFixed(3)} ms per article (${per600(passes[2])} ms per 600 tokens); whole run ${wholeRun} ms`);
  if (showErrors > 0) {
    const misses = scores.cases.filter((c) => c.km === null);
    const far = scores.cases.filter((c) => c.km !== null && c.km > 161).sort((a, b) => (b.km ?? 0) - (a.km ?? 0));
    console.log(`\nfar (> 161 km), ${far.length}:`);
    for (const c of far.slice(0, showErrors)) console.log(`  ${c.gold.name} → ${c.predicted?.name} ${c.predicted?.country} ${c.predicted?.featureCode} ${Math.round(c.km ?? 0)} km`);
    const missed = new Map<string, number>();
    for (const c of misses) missed.set(c.gold.name, (missed.get(c.gold.name) ?? 0) + 1);
    console.log(`\nmissed, ${misses.length}:`);
    console.log('  ' + [...missed].sort((a, b) => b[1] - a[1]).slice(0, showErrors).map(([n, k]) => `${n}×${k}`).join(', '));
  }
}

main();
