import { seededRandom } from '../core/random.js';

/**
 * A fixed, deterministic corpus of news-like articles written for Herodotus benchmarks and load tests.
 * Sentences are composed from templates and name lists of our own; the same seed gives the same corpus.
 */

const OFFICIALS = [
  ['Secretary of State', 'Antony Blinken', 'US'], ['Foreign Minister', 'Alicia Bárcena', 'Mexican'], ['President', 'Bernardo Arévalo', 'Guatemalan'],
  ['Defense Minister', 'Luis Cresencio Sandoval', 'Mexican'], ['Homeland Security Secretary', 'Alejandro Mayorkas', 'US'],
  ['Prime Minister', 'Keir Starmer', 'British'], ['Chancellor', 'Olaf Scholz', 'German'], ['President', 'Emmanuel Macron', 'French'],
  ['Foreign Minister', 'Wang Yi', 'Chinese'], ['President', 'Volodymyr Zelensky', 'Ukrainian'], ['Prime Minister', 'Narendra Modi', 'Indian'],
  ['President', 'Luiz Inácio Lula da Silva', 'Brazilian'], ['President', 'Gustavo Petro', 'Colombian'], ['Interior Minister', 'Nancy Faeser', 'German'],
];
const COUNTRIES = ['Mexico', 'Guatemala', 'the United States', 'Panama', 'Colombia', 'Brazil', 'Germany', 'France', 'China', 'India', 'Ukraine', 'Poland', 'Kenya', 'Egypt', 'Japan'];
const CITIES = ['Washington', 'Mexico City', 'Guatemala City', 'Bogotá', 'Brasília', 'Berlin', 'Paris', 'Beijing', 'New Delhi', 'Kyiv', 'Warsaw', 'Nairobi', 'Cairo', 'Tokyo', 'Geneva'];
const ORGS = ['the State Department', 'the Foreign Ministry', 'the National Migration Institute', 'the United Nations', 'the European Union', 'the World Bank', 'the Red Cross', 'the Interior Ministry'];
const DAYS = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'this Saturday', 'last week', 'on December 27', 'in early February', 'two days later'];
const TEMPLATES = [
  '{OFF} met {OFF2} {DAY} in {CITY} to discuss migration and security along the shared border.',
  '{OFF} said {ORG} would send a delegation to {COUNTRY} {DAY}, according to a statement.',
  '“We will keep working with {COUNTRY} on the root causes of migration,” {OFF} told reporters in {CITY}.',
  'Police arrested {N} people {DAY} after protests outside {ORG} in {CITY}, officials said.',
  '{COUNTRY} and {COUNTRY2} signed an agreement {DAY} to expand trade and cooperation on fentanyl trafficking.',
  'More than {N},000 migrants crossed into {COUNTRY} {DAY}, {ORG} estimated.',
  '{OFF} accused {COUNTRY2} of violating the ceasefire and threatened new sanctions {DAY}.',
  'The government of {COUNTRY} closed several border points for several days, disrupting binational trade.',
  '{OFF} did not agree to the proposal, a spokesperson for {ORG} said {DAY}.',
  'Talks between {COUNTRY} and {COUNTRY2} will resume in {CITY} {DAY}, the ministers announced.',
];

export interface BenchArticle {
  id: string;
  published: string;
  title: string;
  text: string;
}

/** `count` articles of 8–16 sentences each, a headline and a dateline. */
export function makeCorpus(count: number, seed = 20240113): BenchArticle[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const official = (): string => {
    const [title, name, nationality] = pick(OFFICIALS);
    return `${nationality} ${title} ${name}`;
  };
  const out: BenchArticle[] = [];
  for (let i = 0; i < count; i++) {
    const city = pick(CITIES);
    const lines = [`${pick(COUNTRIES).replace(/^the /, '')} and ${pick(COUNTRIES).replace(/^the /, '')} Talks Continue`];
    const sentences = 8 + Math.floor(random() * 9);
    for (let s = 0; s < sentences; s++) {
      lines.push(
        pick(TEMPLATES)
          .replace('{OFF}', official())
          .replace('{OFF2}', official())
          .replace('{OFF}', official())
          .replace('{ORG}', pick(ORGS))
          .replace('{COUNTRY2}', pick(COUNTRIES))
          .replace('{COUNTRY}', pick(COUNTRIES))
          .replace('{CITY}', pick(CITIES))
          .replace('{DAY}', pick(DAYS))
          .replace('{N}', String(2 + Math.floor(random() * 300)))
          .replace(/^(.)/, (c) => c.toUpperCase()),
      );
    }
    const day = 1 + Math.floor(random() * 28);
    const body = lines.slice(1);
    const paragraphs: string[] = [];
    for (let p = 0; p < body.length; p += 3) paragraphs.push(body.slice(p, p + 3).join(' '));
    out.push({
      id: `bench-${String(i).padStart(5, '0')}`,
      published: `2024-01-${String(day).padStart(2, '0')}`,
      title: lines[0],
      text: `${city}, (EFE).- ${paragraphs.join('\n')}`,
    });
  }
  return out;
}

const wordCount = (text: string): number => text.split(/\s+/).length;

/**
 * `count` documents, each the bodies of consecutive bench articles joined under the first one's headline and
 * dateline. With `stop: 'at-least'` a document takes bodies until it has at least `words` words; with `'nearest'`
 * (what `make-corpus --words 600` uses for the "~600-word news" of the throughput target) it takes the next body only
 * while that brings its length nearer to `words`, so the documents average about `words` words.
 */
export function makeLongCorpus(count: number, words: number, seed?: number, stop: 'at-least' | 'nearest' = 'at-least'): BenchArticle[] {
  const source = makeCorpus(count * Math.max(1, Math.ceil(words / 150)) + 8, seed);
  const out: BenchArticle[] = [];
  let k = 0;
  while (out.length < count) {
    const first = source[k++];
    let text = first.text;
    let length = wordCount(text);
    while (length < words && k < source.length) {
      const body = source[k].text.split('\n').slice(1).join('\n');
      const added = wordCount(body);
      if (stop === 'nearest' && length + added - words > words - length) break;
      text += '\n' + body;
      length += added;
      k++;
    }
    out.push({ ...first, text });
  }
  return out;
}
