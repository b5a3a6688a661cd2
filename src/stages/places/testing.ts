/**
 * Test helpers: a Doc annotated by the real language, dateline and segment stages, an `entities` layer
 * written by hand (so tests need no trained model), and the places stage over the shipped gazetteer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Doc } from '../../core/document.js';
import type { Entity, EntityType } from '../../core/layers.js';
import { runStages } from '../../pipeline/runner.js';
import type { Resources } from '../../pipeline/resources.js';
import type { Stage } from '../../pipeline/stage.js';
import { datelineStage } from '../dateline/stage.js';
import { languageStage } from '../language/stage.js';
import { segmentLexiconFromRows } from '../segment/lexicon.js';
import { segmentStage } from '../segment/stage.js';
import { defaultGazetteerDir, loadGazetteer, type Gazetteer } from '../../knowledge/gazetteer/gazetteer.js';
import { createPlacesStage } from './stage.js';

const dataDir = fileURLToPath(new URL('../../data/segment/', import.meta.url));
const rows = (file: string): string[][] => JSON.parse(readFileSync(dataDir + file, 'utf8')) as string[][];

/** Resources with the segment lexicon only (the places stage needs no model). */
export function testResources(): Resources {
  return { segment: segmentLexiconFromRows(rows('abbreviations.json'), rows('sentence-starters.json')) } as unknown as Resources;
}

/** An `entities` stage that marks the given surface strings (every occurrence) with a type. */
export function handEntities(marks: ReadonlyArray<[string, EntityType]>): Stage {
  return {
    name: 'entities',
    version: 'test',
    reads: ['tokens'],
    writes: ['entities'],
    run(doc) {
      const entities: Entity[] = [];
      for (const [surface, type] of marks) {
        for (let at = doc.text.indexOf(surface); at >= 0; at = doc.text.indexOf(surface, at + 1)) {
          entities.push({ id: `e${entities.length + 1}`, type, text: surface, start: at, end: at + surface.length, prov: { stage: 'entities', version: 'test' } });
        }
      }
      return { layers: { entities } };
    },
  };
}

export interface PlacesHarness {
  gazetteer: Gazetteer;
  annotate(text: string, marks?: ReadonlyArray<[string, EntityType]>): Doc;
}

export function placesHarness(gazetteer: Gazetteer = loadGazetteer(defaultGazetteerDir())): PlacesHarness {
  const resources = testResources();
  const places = createPlacesStage(gazetteer);
  return {
    gazetteer,
    annotate(text, marks = []) {
      const stages = [languageStage, datelineStage, segmentStage, handEntities(marks), places];
      return runStages(new Doc(text, { id: 'test' }), stages, resources);
    },
  };
}
