import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreCoref } from './coref.js';
import { goldClusters, linkEcb, readEcbDoc, sameLemma } from './link.js';

const lower: (w: readonly string[]) => string[] = (w) => w.map((x) => x.toLowerCase());

/** A tiny ECB+-style document: one action, one time, one place, a cross-document relation. */
function xml(name: string, words: string[], action: number, time: number, place: number, instance: string): string {
  const tokens = words.map((w, i) => `<token t_id="${i + 1}" sentence="0" number="${i}">${w}</token>`).join('\n');
  return `<Document doc_name="${name}">\n${tokens}\n<Markables>
<ACTION_OCCURRENCE m_id="1"  >\n<token_anchor t_id="${action}"/>\n</ACTION_OCCURRENCE>
<TIME_DATE m_id="2"  >\n<token_anchor t_id="${time}"/>\n</TIME_DATE>
<LOC_GEO m_id="3"  >\n<token_anchor t_id="${place}"/>\n</LOC_GEO>
<ACTION_OCCURRENCE m_id="9" RELATED_TO="" TAG_DESCRIPTOR="x" instance_id="${instance}" />
</Markables>\n<Relations>\n<CROSS_DOC_COREF r_id="1" note="${instance}" >\n<source m_id="1" />\n<target m_id="9" />\n</CROSS_DOC_COREF>\n</Relations>\n</Document>`;
}

test('ECB+ reader and linker: the same predicate on another date and place is another event; the lemma baseline merges it', () => {
  const docs = [
    readEcbDoc(xml('1_1ecb', ['Quake', 'hits', 'Chile', 'on', 'Monday'], 2, 5, 3, 'ACT1'), '1_1ecb', '1', lower),
    readEcbDoc(xml('1_2ecb', ['Quake', 'hits', 'Chile', 'Monday', 'morning'], 2, 4, 3, 'ACT1'), '1_2ecb', '1', lower),
    readEcbDoc(xml('1_3ecbplus', ['Quake', 'hits', 'Peru', 'on', 'Friday'], 2, 5, 3, 'ACT2'), '1_3ecbplus', '1', lower),
  ];
  assert.deepEqual(docs.map((d) => d.mentions.map((m) => [m.lemma, m.gold, [...m.time], [...m.place]])), [
    [['hits', 'ACT1', ['monday'], ['chile']]],
    [['hits', 'ACT1', ['monday'], ['chile']]],
    [['hits', 'ACT2', ['friday'], ['peru']]],
  ]);
  const key = goldClusters(docs);
  assert.equal(scoreCoref(key, linkEcb(docs, { context: 0.1, participants: false })).conll, 1);
  assert.ok(scoreCoref(key, sameLemma(docs)).conll < 1);
});
