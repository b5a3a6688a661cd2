import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPipeline } from '../../pipeline/pipeline.js';
import { makeCorpus } from '../../bench/corpus.js';
import { FeatureBuffer } from '../../models/perceptron.js';
import { CorefState, PRIORITY_RULES } from './cluster.js';
import { ruleHash } from './hash.js';
import { candidates, mentionPrefixes, pairFeatures, rankAntecedent, RankScratch } from './ranker.js';
import { MentionIds, tableScore } from './table-score.js';

const pipeline = createPipeline();
const model = pipeline.resources.models.coref;

test('table scoring gives every candidate exactly the score of its hashed features', { skip: model === undefined ? 'no coreference model' : false }, () => {
  assert.ok(model?.tables);
  const texts = [readFileSync(new URL('../../../examples/efe-2024-01-13-us-mexico-migration.txt', import.meta.url), 'utf8'), ...makeCorpus(12).map((a) => a.text)];
  let pairs = 0;
  let tabled = 0;
  for (const text of texts) {
    const doc = pipeline.annotate(text, { published: '2024-01-13' });
    const view = { text: doc.text, tokens: doc.get('tokens'), pos: doc.get('pos').items, deps: doc.get('deps').items, sentences: doc.get('sentences') };
    const state = new CorefState(view, doc.get('mentions'), {});
    const scratch = new RankScratch();
    const ids = new MentionIds();
    const buf = new FeatureBuffer(96);
    for (let j = 0; j < state.mentions.length; j++) {
      const rule = state.ruleAntecedent(j);
      if (!(rule && PRIORITY_RULES.has(rule[1]))) {
        const p = mentionPrefixes(state, j, rule, new Uint32Array(128));
        ids.update(state, model.tables);
        ids.begin(model.tables, ruleHash(rule), p);
        for (const i of candidates(state, j)) {
          pairFeatures(state, j, i, rule, buf, p);
          pairs++;
          if (tableScore(state, j, i, rule, p, model.tables, ids)) {
            tabled++;
            assert.equal(ids.score[0], model.score(buf), `mention ${j}, candidate ${i}`);
          }
        }
      }
      const i = rule && PRIORITY_RULES.has(rule[1]) ? rule[0] : rankAntecedent(state, j, rule, model, scratch);
      if (i < 0) state.open(j);
      else state.join(j, i, 'test');
    }
  }
  assert.ok(pairs > 1000 && tabled > pairs * 0.9, `${tabled} of ${pairs} pairs scored from tables`);
});
