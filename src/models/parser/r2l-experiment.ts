#!/usr/bin/env node
/**
 * Session-10 experiments towards EWT dev UAS ≥ 86 (EVALUATION.md, session 10); none is used by the shipped parser.
 *   train --out FILE [--l2r] [--lite] [--seed N] [--epochs N] [--transition-buckets N] [--transition-mode 9|16]
 *         [--tags-cache FILE] [--jackknife K]   a right-to-left parser (or, with --l2r, a left-to-right one) on the jackknifed
 *                                  training tags (computed once and cached in the tags file)
 *   eval --r2l FILE [--forward]     the shipped parser, a second one, and their blends (blend.ts) over a grid of
 *                                  margin weights, on the odd / even EWT dev sentences and GUM dev
 *   vote --parsers F:l2r,F:r2l,… [--cascade]   blends of several parsers ('shipped' = models/parser.bin); with
 *                                  --cascade, blending only the sentences where the first parser is least sure
 *   stack-train --tags-cache F --guide-cache F --guide-out F --out F [--guide-unlabelled] …   stacking: jackknifed
 *                                  right-to-left guide trees, the guide parser, and a left-to-right parser reading them
 *   branch [--max-margins a,b]      selectional branching (Parser.parseBranching), k = 0..4
 * Every mode reads the tagger from --models (default models/) and tags the dev sets with it.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { corporaDir as findCorpora, modelsDir as findModels } from '../paths.js';
import { AttachmentScore, loadTreebank, type TreebankSentence } from './data.js';
import { blendTrees, EisnerScratch, reversed, reversedHeads, type ScoredTree } from './blend.js';
import { Parser } from './parser.js';
import { attachPunctuation } from './punctuation.js';
import { corpusPaths, DEFAULT_PARSER_CONFIG, jackknifeTags, trainParserModel, tryLoadTagger, type ParserTrainConfig } from './train.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const log = (m: string): void => void process.stderr.write(m + '\n');
const mode = process.argv[2];
const corporaDir = findCorpora(arg('--corpora'));
const modelsDir = findModels(arg('--models'));
const seed = Number(arg('--seed') ?? 1);

export function reverseSentence(s: TreebankSentence): TreebankSentence {
  return {
    forms: reversed(s.forms),
    lemmas: reversed(s.lemmas),
    upos: reversed(s.upos),
    xpos: reversed(s.xpos),
    heads: Array.from(reversedHeads(s.heads)),
    deprels: reversed(s.deprels),
  };
}

if (mode === 'train') {
  const paths = corpusPaths(corporaDir);
  const train = paths.train.flatMap((p) => loadTreebank(p));
  const cache = arg('--tags-cache');
  let tags: Array<{ upos: string[]; xpos: string[] }>;
  if (cache && existsSync(cache)) {
    tags = JSON.parse(readFileSync(cache, 'utf8')) as typeof tags;
  } else {
    tags = (await jackknifeTags(train, Number(arg('--jackknife') ?? DEFAULT_PARSER_CONFIG.jackknifeFolds), seed, log))!;
    if (cache) writeFileSync(cache, JSON.stringify(tags));
  }
  const overrides: Partial<ParserTrainConfig> = {};
  if (arg('--epochs')) overrides.epochs = Number(arg('--epochs'));
  if (arg('--transition-buckets')) overrides.transitionBuckets = Number(arg('--transition-buckets'));
  if (arg('--transition-mode')) overrides.transitionMode = Number(arg('--transition-mode')) === 9 ? 9 : 16;
  if (process.argv.includes('--lite')) overrides.templates = 'lite';
  if (arg('--label-buckets')) overrides.labelBuckets = Number(arg('--label-buckets'));
  const config = { ...DEFAULT_PARSER_CONFIG, ...overrides };
  const reverse = !process.argv.includes('--l2r');
  const r = trainParserModel(
    reverse ? train.map(reverseSentence) : train,
    config,
    seed,
    log,
    undefined,
    tags.map((t) => (reverse ? { upos: reversed(t.upos), xpos: reversed(t.xpos) } : t)),
  );
  writeFileSync(arg('--out')!, r.bytes);
  log(`wrote ${arg('--out')} (${r.bytes.length} bytes)`);
} else if (mode === 'eval') {
  const l2r = Parser.load(modelsDir);
  const r2l = Parser.fromBytes(readFileSync(arg('--r2l')!));
  const tagger = (await tryLoadTagger(modelsDir))!;
  const paths = corpusPaths(corporaDir);
  interface Item {
    s: TreebankSentence;
    a: { head: Int32Array; label: Int32Array; margin: Float32Array };
    b: { head: Int32Array; label: Int32Array; margin: Float32Array };
  }
  const sets: Record<string, Item[]> = {};
  const margins: number[][] = [[], []];
  let tokens = 0;
  let tA = 0;
  let tB = 0;
  for (const [name, path] of Object.entries(paths.dev)) {
    const items: Item[] = [];
    for (const s of loadTreebank(path)) {
      const t = tagger.tag(s.forms);
      const useGold = process.argv.includes('--gold-tags');
      const upos = useGold ? s.upos : t.upos;
      const xpos = useGold ? s.xpos : t.xpos;
      let t0 = performance.now();
      const a = l2r.parseArcs(s.forms, upos, xpos);
      tA += performance.now() - t0;
      t0 = performance.now();
      const forward = process.argv.includes('--forward');
      const rb = forward ? r2l.parseArcs(s.forms, upos, xpos) : r2l.parseArcs(reversed(s.forms), reversed(upos), reversed(xpos));
      tB += performance.now() - t0;
      const b = forward ? rb : { head: reversedHeads(rb.head), label: Int32Array.from(reversed(Array.from(rb.label))), margin: Float32Array.from(reversed(Array.from(rb.margin))) };
      tokens += s.forms.length;
      items.push({ s, a, b });
      if (name === 'ewt') {
        for (let i = 0; i < a.margin.length; i++) if (a.margin[i] > 0) margins[0].push(a.margin[i]);
        for (let i = 0; i < b.margin.length; i++) if (b.margin[i] > 0) margins[1].push(b.margin[i]);
      }
    }
    sets[name] = items;
  }
  log(`parse time: l2r ${((1000 * tA) / tokens).toFixed(2)} µs/token, r2l ${((1000 * tB) / tokens).toFixed(2)} µs/token (cold, incl. JIT)`);
  const median = (xs: number[]): number => xs.slice().sort((x, y) => x - y)[xs.length >> 1];
  const mean = (xs: number[]): number => xs.reduce((x, y) => x + y, 0) / xs.length;
  const scaleMed = [median(margins[0]), median(margins[1])];
  const scaleMean = [mean(margins[0]), mean(margins[1])];
  log(`margins: median ${scaleMed.map((x) => x.toFixed(3)).join(' / ')}, mean ${scaleMean.map((x) => x.toFixed(3)).join(' / ')}`);

  const scratch = new EisnerScratch();
  const bufs = { buf: new Float64Array(0) };
  const score = (items: Item[], which: 'a' | 'b' | 'blend', alpha: number, scale: number[], cap: number, filter: (i: number) => boolean, vote?: number[]): AttachmentScore => {
    const sc = new AttachmentScore();
    items.forEach((it, idx) => {
      if (!filter(idx)) return;
      const n = it.s.forms.length;
      const head = new Int32Array(n);
      const labA = l2r.labels;
      const labB = r2l.labels;
      const deprel = new Array<string>(n);
      if (which === 'a') {
        head.set(it.a.head);
        for (let i = 0; i < n; i++) deprel[i] = labA[it.a.label[i]];
      } else if (which === 'b') {
        head.set(it.b.head);
        for (let i = 0; i < n; i++) deprel[i] = labB[it.b.label[i]];
      } else {
        const trees: ScoredTree[] = [it.a, it.b];
        blendTrees(trees, { alpha, scale, cap, vote }, head, scratch, bufs);
        for (let i = 0; i < n; i++) {
          if (head[i] === 0) deprel[i] = 'root';
          else if (head[i] === it.a.head[i]) deprel[i] = labA[it.a.label[i]];
          else if (head[i] === it.b.head[i]) deprel[i] = labB[it.b.label[i]];
          else deprel[i] = labA[it.a.label[i]] !== 'root' ? labA[it.a.label[i]] : labB[it.b.label[i]] !== 'root' ? labB[it.b.label[i]] : 'dep';
        }
      }
      const h = Array.from(head);
      attachPunctuation(it.s.forms, h, deprel);
      sc.add(it.s.heads, it.s.deprels, h, deprel);
    });
    return sc;
  };
  const all = (): boolean => true;
  const odd = (i: number): boolean => i % 2 === 0; // sentence numbers are 1-based: index 0 is sentence 1
  const even = (i: number): boolean => i % 2 === 1;
  const f = (s: AttachmentScore): string => `${(100 * s.uas).toFixed(2)}/${(100 * s.las).toFixed(2)}`;
  for (const name of ['ewt', 'gum']) {
    log(`${name}: l2r ${f(score(sets[name], 'a', 0, scaleMed, 1, all))}  r2l ${f(score(sets[name], 'b', 0, scaleMed, 1, all))}`);
  }
  for (const name of ['ewt', 'gum']) {
    let ok = 0;
    let either = 0;
    let agree = 0;
    let agreeOk = 0;
    let tok = 0;
    for (const it of sets[name]) {
      for (let i = 0; i < it.s.heads.length; i++) {
        tok++;
        const g = it.s.heads[i];
        if (it.a.head[i] === g) ok++;
        if (it.a.head[i] === g || it.b.head[i] === g) either++;
        if (it.a.head[i] === it.b.head[i]) {
          agree++;
          if (it.a.head[i] === g) agreeOk++;
        }
      }
    }
    log(`${name}: raw l2r ${((100 * ok) / tok).toFixed(2)}, either parser right ${((100 * either) / tok).toFixed(2)}, agree on ${((100 * agree) / tok).toFixed(2)} % of words (${((100 * agreeOk) / agree).toFixed(2)} % right there)`);
  }
  {
    // Disagreements: which parser is right, by binned normalised margins.
    const bins = [0, 0.25, 0.5, 1, 1.5, 2, 1e9];
    const bin = (x: number): number => bins.findIndex((b, i) => x >= b && x < bins[i + 1]);
    const tab = new Map<string, [number, number, number]>();
    for (const it of sets.ewt) {
      for (let i = 0; i < it.s.heads.length; i++) {
        if (it.a.head[i] === it.b.head[i]) continue;
        const key = `${bin(it.a.margin[i] / scaleMed[0])} ${bin(it.b.margin[i] / scaleMed[1])}`;
        const e = tab.get(key) ?? [0, 0, 0];
        e[0]++;
        if (it.a.head[i] === it.s.heads[i]) e[1]++;
        if (it.b.head[i] === it.s.heads[i]) e[2]++;
        tab.set(key, e);
      }
    }
    for (const [k, [c, a, b]] of [...tab].sort()) log(`disagree bins A B ${k}: ${c} words, A right ${((100 * a) / c).toFixed(0)} %, B right ${((100 * b) / c).toFixed(0)} %`);
  }
  const results: Array<{ key: string; odd: number; even: number; all: number; las: number; gum: number }> = [];
  for (const [sname, scale] of [['median', scaleMed], ['mean', scaleMean]] as const) {
    for (const cap of [1, 2, 1e9]) {
      for (const alpha of [0.1, 0.25, 0.5, 1, 2, 4, 100]) {
        for (const vb of [1, 0.9, 0.8, 0.6, 0.4]) {
          const vote = [1, vb];
          const o = score(sets.ewt, 'blend', alpha, scale, cap, odd, vote);
          const e = score(sets.ewt, 'blend', alpha, scale, cap, even, vote);
          const a = score(sets.ewt, 'blend', alpha, scale, cap, all, vote);
          const g = score(sets.gum, 'blend', alpha, scale, cap, all, vote);
          results.push({ key: `${sname} cap ${cap} alpha ${alpha} vote ${vb}`, odd: o.uas, even: e.uas, all: a.uas, las: a.las, gum: g.uas });
        }
      }
    }
  }
  results.sort((x, y) => y.odd - x.odd);
  for (const r of results.slice(0, 15)) {
    log(`${r.key.padEnd(40)} odd ${(100 * r.odd).toFixed(2)} even ${(100 * r.even).toFixed(2)} all ${(100 * r.all).toFixed(2)} LAS ${(100 * r.las).toFixed(2)} gum ${(100 * r.gum).toFixed(2)}`);
  }
  log('l2r alone odd/even: ' + f(score(sets.ewt, 'a', 0, scaleMed, 1, odd)) + ' ' + f(score(sets.ewt, 'a', 0, scaleMed, 1, even)));
} else if (mode === 'stack-train') {
  // Stacking: jackknifed right-to-left guide trees for the training sentences, a guide parser trained on all
  // of them, and a left-to-right parser that reads the guide's trees.
  const paths = corpusPaths(corporaDir);
  const train = paths.train.flatMap((p) => loadTreebank(p));
  const tags = JSON.parse(readFileSync(arg('--tags-cache')!, 'utf8')) as Array<{ upos: string[]; xpos: string[] }>;
  const rev = train.map(reverseSentence);
  const revTags = tags.map((t) => ({ upos: reversed(t.upos), xpos: reversed(t.xpos) }));
  const guideConfig: ParserTrainConfig = { ...DEFAULT_PARSER_CONFIG, templates: process.argv.includes('--guide-full') ? 'full' : process.argv.includes('--guide-unlabelled') ? 'unlabelled' : 'lite' };
  if (arg('--guide-label-buckets')) guideConfig.labelBuckets = Number(arg('--guide-label-buckets'));
  if (arg('--guide-buckets')) guideConfig.transitionBuckets = Number(arg('--guide-buckets'));
  if (arg('--guide-epochs')) guideConfig.epochs = Number(arg('--guide-epochs'));
  const folds = Number(arg('--guide-folds') ?? 4);
  const toTree = (h: Int32Array): Int32Array => {
    const n = h.length;
    const out = new Int32Array(n);
    for (let j = 0; j < n; j++) out[n - 1 - j] = h[j] === 0 ? n : n - h[j];
    return out;
  };
  const guideCache = arg('--guide-cache');
  let trees: Int32Array[];
  if (guideCache && existsSync(guideCache)) {
    trees = (JSON.parse(readFileSync(guideCache, 'utf8')) as number[][]).map((t) => Int32Array.from(t));
  } else {
    trees = new Array<Int32Array>(train.length);
    for (let k = 0; k < folds; k++) {
      const idx = train.map((_, i) => i).filter((i) => i % folds !== k);
      const r = trainParserModel(idx.map((i) => rev[i]), guideConfig, seed + k, () => {}, undefined, idx.map((i) => revTags[i]));
      let ok = 0;
      let tot = 0;
      train.forEach((s, i) => {
        if (i % folds !== k) return;
        const a = r.parser.parseArcs(rev[i].forms, revTags[i].upos, revTags[i].xpos);
        trees[i] = toTree(a.head);
        const h = reversedHeads(a.head);
        for (let j = 0; j < h.length; j++) {
          tot++;
          if (h[j] === s.heads[j]) ok++;
        }
      });
      log(`guide fold ${k + 1}/${folds}: held-out UAS ${((100 * ok) / tot).toFixed(2)}`);
    }
    if (guideCache) writeFileSync(guideCache, JSON.stringify(trees.map((t) => Array.from(t))));
  }
  const guidePath = arg('--guide-out')!;
  let guideBytes: Buffer;
  if (existsSync(guidePath)) {
    guideBytes = readFileSync(guidePath);
  } else {
    guideBytes = trainParserModel(rev, guideConfig, seed, log, undefined, revTags).bytes;
    writeFileSync(guidePath, guideBytes);
  }
  const overrides: Partial<ParserTrainConfig> = {};
  if (arg('--epochs')) overrides.epochs = Number(arg('--epochs'));
  if (arg('--transition-buckets')) overrides.transitionBuckets = Number(arg('--transition-buckets'));
  if (arg('--transition-mode')) overrides.transitionMode = Number(arg('--transition-mode')) === 9 ? 9 : 16;
  const r = trainParserModel(train, { ...DEFAULT_PARSER_CONFIG, ...overrides }, seed, log, undefined, tags, undefined, { trees, bytes: guideBytes });
  writeFileSync(arg('--out')!, r.bytes);
  log(`wrote ${arg('--out')}`);
} else if (mode === 'vote') {
  // Blend of several parsers (FILE:l2r or FILE:r2l, comma-separated; 'shipped' = models/parser.bin).
  const specs = arg('--parsers')!.split(',').map((x) => {
    const [file, dir] = x.split(':');
    return { parser: file === 'shipped' ? Parser.load(modelsDir) : Parser.fromBytes(readFileSync(file)), r2l: dir === 'r2l' };
  });
  const tagger = (await tryLoadTagger(modelsDir))!;
  const paths = corpusPaths(corporaDir);
  type Arcs = { head: Int32Array; label: Int32Array; margin: Float32Array };
  const sets: Record<string, Array<{ s: TreebankSentence; t: Arcs[] }>> = {};
  const margins: number[][] = specs.map(() => []);
  for (const [name, path] of Object.entries(paths.dev)) {
    sets[name] = loadTreebank(path).map((s) => {
      const { upos, xpos } = tagger.tag(s.forms);
      const t = specs.map(({ parser, r2l }, p) => {
        const a = r2l ? parser.parseArcs(reversed(s.forms), reversed(upos), reversed(xpos)) : parser.parseArcs(s.forms, upos, xpos);
        const arcs = r2l ? { head: reversedHeads(a.head), label: Int32Array.from(reversed(Array.from(a.label))), margin: Float32Array.from(reversed(Array.from(a.margin))) } : a;
        if (name === 'ewt') for (const m of arcs.margin) if (m > 0) margins[p].push(m);
        return arcs;
      });
      return { s, t };
    });
  }
  const scale = margins.map((xs) => xs.slice().sort((x, y) => x - y)[xs.length >> 1]);
  const scratch = new EisnerScratch();
  const bufs = { buf: new Float64Array(0) };
  const run = (name: string, alpha: number, filter: (i: number) => boolean): AttachmentScore => {
    const sc = new AttachmentScore();
    sets[name].forEach(({ s, t }, idx) => {
      if (!filter(idx)) return;
      const n = s.forms.length;
      const head = new Int32Array(n);
      blendTrees(t, { alpha, scale, cap: 2 }, head, scratch, bufs);
      const deprel = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        if (head[i] === 0) {
          deprel[i] = 'root';
          continue;
        }
        const p = t.findIndex((x) => x.head[i] === head[i]);
        const q = p >= 0 ? p : 0;
        const l = specs[q].parser.labels[t[q].label[i]];
        deprel[i] = l === 'root' ? 'dep' : l;
      }
      const h = Array.from(head);
      attachPunctuation(s.forms, h, deprel);
      sc.add(s.heads, s.deprels, h, deprel);
    });
    return sc;
  };
  const f = (x: AttachmentScore): string => `${(100 * x.uas).toFixed(2)}/${(100 * x.las).toFixed(2)}`;
  // Cascade: blend only the sentences where the first parser is least sure (a fraction of the tokens), the
  // others keep the first parser's tree; conf = the lowest normalised margin of the first parser's arcs
  // made by a scored transition, or the share of its arcs with a normalised margin under 0.25.
  const cascade = (name: string, frac: number, how: 'min' | 'low', filter: (i: number) => boolean): AttachmentScore => {
    const items = sets[name];
    const conf = items.map(({ t }) => {
      const m = t[0].margin;
      let min = Infinity;
      let low = 0;
      for (let i = 0; i < m.length; i++) {
        const x = m[i] / scale[0];
        if (x > 0 && x < min) min = x;
        if (x < 0.25) low++;
      }
      return how === 'min' ? min : -low / m.length;
    });
    const order = items.map((_, i) => i).sort((a, b) => conf[a] - conf[b]);
    const total = items.reduce((x, it) => x + it.s.forms.length, 0);
    const chosen = new Set<number>();
    let acc = 0;
    for (const i of order) {
      if (acc >= frac * total) break;
      chosen.add(i);
      acc += items[i].s.forms.length;
    }
    const sc = new AttachmentScore();
    items.forEach(({ s, t }, idx) => {
      if (!filter(idx)) return;
      const n = s.forms.length;
      const head = new Int32Array(n);
      if (chosen.has(idx)) blendTrees(t, { alpha: 0.5, scale, cap: 2 }, head, scratch, bufs);
      else head.set(t[0].head);
      const deprel = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        if (head[i] === 0) {
          deprel[i] = 'root';
          continue;
        }
        const p = t.findIndex((x) => x.head[i] === head[i]);
        const q = p >= 0 ? p : 0;
        const l = specs[q].parser.labels[t[q].label[i]];
        deprel[i] = l === 'root' ? 'dep' : l;
      }
      const h = Array.from(head);
      attachPunctuation(s.forms, h, deprel);
      sc.add(s.heads, s.deprels, h, deprel);
    });
    return sc;
  };
  if (process.argv.includes('--cascade')) {
    for (const how of ['min', 'low'] as const) {
      for (const frac of [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1]) {
        log(`cascade ${how} ${frac}: ewt odd ${f(cascade('ewt', frac, how, (i) => i % 2 === 0))} even ${f(cascade('ewt', frac, how, (i) => i % 2 === 1))} all ${f(cascade('ewt', frac, how, () => true))} gum ${f(cascade('gum', frac, how, () => true))}`);
      }
    }
  }
  {
    const t0 = performance.now();
    let tokens = 0;
    for (const name of ['ewt', 'gum']) {
      for (const { s, t } of sets[name]) {
        const head = new Int32Array(s.forms.length);
        blendTrees(t, { alpha: 0.5, scale, cap: 2 }, head, scratch, bufs);
        tokens += s.forms.length;
      }
    }
    log(`blend (agreement check + Eisner where the trees differ): ${((1000 * (performance.now() - t0)) / tokens).toFixed(3)} µs/token`);
  }
  for (const alpha of [0, 0.1, 0.25, 0.5, 1, 2]) {
    log(`alpha ${alpha}: ewt odd ${f(run('ewt', alpha, (i) => i % 2 === 0))} even ${f(run('ewt', alpha, (i) => i % 2 === 1))} all ${f(run('ewt', alpha, () => true))} gum ${f(run('gum', alpha, () => true))}`);
  }
} else if (mode === 'branch') {
  const parser = Parser.load(modelsDir);
  const tagger = (await tryLoadTagger(modelsDir))!;
  const paths = corpusPaths(corporaDir);
  const data: Record<string, Array<{ s: TreebankSentence; upos: string[]; xpos: string[] }>> = {};
  for (const [name, path] of Object.entries(paths.dev)) data[name] = loadTreebank(path).map((s) => ({ s, ...tagger.tag(s.forms) }));
  const maxMargins = (arg('--max-margins') ?? 'Infinity').split(',').map(Number);
  for (const maxMargin of maxMargins) {
    for (let k = 0; k <= 4; k++) {
      const out: string[] = [];
      for (const name of ['ewt', 'gum']) {
        const sc = new AttachmentScore();
        const odd = new AttachmentScore();
        let extra = 0;
        let tokens = 0;
        const t0 = performance.now();
        data[name].forEach(({ s, upos, xpos }, i) => {
          const r = parser.parseBranching(s.forms, upos, xpos, k, maxMargin);
          sc.add(s.heads, s.deprels, r.head, r.deprel);
          if (i % 2 === 0) odd.add(s.heads, s.deprels, r.head, r.deprel);
          extra += r.extra;
          tokens += s.forms.length;
        });
        const ms = performance.now() - t0;
        out.push(`${name} UAS ${(100 * sc.uas).toFixed(2)} LAS ${(100 * sc.las).toFixed(2)} (odd ${(100 * odd.uas).toFixed(2)}) extra scored/token ${(extra / tokens).toFixed(2)} ${((1000 * ms) / tokens).toFixed(2)} µs/token`);
      }
      log(`max margin ${maxMargin} k ${k}: ${out.join(' | ')}`);
    }
  }
} else {
  log('usage: r2l-experiment.js train|eval …');
  process.exit(2);
}
