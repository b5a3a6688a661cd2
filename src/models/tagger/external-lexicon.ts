/**
 * The tagger's external lexicon: the possible Penn Treebank tags of ~90,000 English words from a dictionary
 * outside the training corpora, so that a word the training data never (or only once) saw still gets an
 * informative ambiguity class ("obfuscate" → VB VBP, "unmoored" → JJ VBN) instead of only its shape. Compiled
 * into tagger.bin. The NER gazetteer's 'propername' category is built from it too (forms known only as NNP/NNPS).
 *
 * Sources, read at training time only (never at run time):
 *  - the `brill` package (MIT): the lexicon of Brill's transformation-based tagger, word → tags, most likely
 *    first (a devDependency);
 *  - data/pos/lexicon-extra.tsv (ours, hand-edited): additions and replacements, same format.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

/**
 * The compiled lexicon, stored in tagger.bin's JSON header. The forms are one string rather than an object
 * keyed by form because JSON.parse builds an object of ~80,000 keys several times slower (load time).
 */
export interface ExternalLexicon {
  /** Where the entries come from (package and version, hand-written files). */
  source: string;
  /** Space-joined Penn tag lists, most likely tag first. */
  classes: string[];
  /** The forms (unique, non-empty, no line breaks), sorted in string `<` order (that of `Array.prototype.sort()`), joined with '\n'. */
  forms: string;
  /** Index into `classes` of each form, in the order of `forms`. */
  classOf: number[];
}

let cached: Map<string, string> | null = null;
let cachedSource = '';

/** Form → space-joined tags, from the package and the hand-written file (memoised). */
export function externalEntries(): { words: Map<string, string>; source: string } {
  if (cached === null) {
    const root = packageRoot();
    const require = createRequire(join(root, 'package.json'));
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules', 'brill', 'package.json'), 'utf8')) as { version: string; license?: string };
    const { brill } = require('brill') as { brill: Record<string, string[]> };
    const words = new Map<string, string>();
    for (const word of Object.keys(brill).sort()) {
      // "JJ|IN" in the package's tag table is one tag list written with bars.
      const tags = brill[word].flatMap((t) => (typeof t === 'string' ? t.split('|') : [])).filter((t, i, all) => t !== '' && all.indexOf(t) === i);
      if (tags.length > 0) words.set(word, closeVerbForms(word, tags).join(' '));
    }
    const extraFile = join(root, 'data', 'pos', 'lexicon-extra.tsv');
    for (const line of readFileSync(extraFile, 'utf8').split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const [word, tags] = trimmed.split('\t');
      if (word && tags) words.set(word.trim(), tags.trim().split(/\s+/).join(' '));
    }
    cached = words;
    cachedSource = `brill@${pkg.version} (${pkg.license ?? 'unknown licence'}); data/pos/lexicon-extra.tsv`;
  }
  return { words: cached, source: cachedSource };
}

/**
 * The dictionary lists only the tags its source corpus happened to show, but English morphology makes some
 * pairs inseparable: a regular "-ed" form is both past tense and past participle ("extradited": VBN only in
 * the package), and a base verb form is both infinitive and non-3rd-person present. Each is completed with the
 * other tag of its pair (after the listed ones, so the most likely tag stays first).
 */
function closeVerbForms(word: string, tags: string[]): string[] {
  const out = [...tags];
  const add = (t: string): void => {
    if (!out.includes(t)) out.push(t);
  };
  if (word.endsWith('ed') && (out.includes('VBD') || out.includes('VBN'))) {
    add('VBD');
    add('VBN');
  }
  if (out.includes('VB') || out.includes('VBP')) {
    add('VB');
    add('VBP');
  }
  return out;
}

/**
 * The external lexicon without the forms `known` accepts (those the training lexicon already covers). Classes are
 * numbered in order of first use in the entries' order (brill's sorted forms, then the hand-written additions).
 */
export function buildExternalLexicon(known: (form: string) => boolean): ExternalLexicon {
  const { words, source } = externalEntries();
  const classIndex = new Map<string, number>();
  const classes: string[] = [];
  const classOfForm = new Map<string, number>();
  for (const [word, tags] of words) {
    if (known(word)) continue;
    if (word === '' || word.includes('\n')) throw new Error(`external lexicon form empty or with a line break: ${JSON.stringify(word)}`);
    let c = classIndex.get(tags);
    if (c === undefined) {
      c = classes.length;
      classes.push(tags);
      classIndex.set(tags, c);
    }
    classOfForm.set(word, c);
  }
  const forms = [...classOfForm.keys()].sort();
  return { source, classes, forms: forms.join('\n'), classOf: forms.map((f) => classOfForm.get(f)!) };
}

/** A lookup of a form's class index in `lexicon` (-1 when absent); splits the forms once, then binary search. */
export function externalClassLookup(lexicon: ExternalLexicon): (form: string) => number {
  const forms = lexicon.forms === '' ? [] : lexicon.forms.split('\n');
  if (forms.length !== lexicon.classOf.length) throw new Error('external lexicon: forms and classOf differ in length');
  return (form) => {
    let lo = 0;
    let hi = forms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const f = forms[mid];
      if (f === form) return lexicon.classOf[mid];
      if (f < form) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
}
