import type { Gazetteer } from '../../knowledge/gazetteer/gazetteer.js';
import type { ActorLexicon } from '../../knowledge/actors/lexicon.js';

const COUNTRY_CODES = /^PCL/;

/**
 * The country (ISO3) a name stands for: a country name or alias ("US", "the United States") or a
 * demonym ("Mexican"). Cities, regions and other places are not countries here.
 */
export function countryResolver(gazetteer: Gazetteer, lexicon?: ActorLexicon): (name: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  let names: Map<string, string> | undefined;
  return (name) => {
    if (cache.has(name)) return cache.get(name);
    let found: string | undefined;
    const bare = name.replace(/^the\s+/i, '').replace(/['’]s$/, '');
    if (bare.length > 1) {
      const sense = gazetteer.lookup(bare).find((s) => COUNTRY_CODES.test(s.entry.featureCode));
      found = lexicon?.countryName(bare) ?? sense?.entry.country ?? gazetteer.demonym(bare) ?? demonymByForm(bare);
      // A misspelt country name ("Ethopia", "Afganistan"), only when the word has no other reading at all.
      if (found === undefined && !gazetteer.hasKey(bare)) found = misspeltCountry(bare);
    }
    cache.set(name, found);
    return found;
  };

  /**
   * The country whose one-word name is one edit (a letter left out, added, changed, or two swapped) from a
   * capitalised word of six letters or more; none when two countries are that close ("Xambia": Zambia, Gambia).
   */
  function misspeltCountry(word: string): string | undefined {
    if (word.length < 6 || !/^\p{Lu}\p{Ll}+$/u.test(word)) return undefined;
    const lower = word.toLowerCase();
    let hit: string | undefined;
    for (const [name, iso3] of countryNames()) {
      if (Math.abs(name.length - lower.length) > 1 || name[0] !== lower[0] || !oneEdit(lower, name)) continue;
      if (hit !== undefined && hit !== iso3) return undefined;
      hit = iso3;
    }
    return hit;
  }

  /** One-word country names of six letters or more (lowercase) → ISO3, from the gazetteer's country table (built once). */
  function countryNames(): ReadonlyMap<string, string> {
    if (names) return names;
    const out = new Map<string, string>();
    // Every three-capital code in order (as a loop over AAA…ZZZ would visit them), without the 17,576 lookups.
    for (const code of gazetteer.countryCodes()) {
      if (!/^[A-Z]{3}$/.test(code)) continue;
      const e = gazetteer.country(code);
      if (e && e.name.length >= 6 && /^\p{L}+$/u.test(e.name)) out.set(e.name.toLowerCase(), e.country);
    }
    names = out;
    return out;
  }

  /** Regular demonyms the table lacks: Fijian → Fiji, Bulgarian(s) → Bulgaria, Sudanese → Sudan, Egyptian → Egypt. */
  function demonymByForm(word: string): string | undefined {
    if (!/^[A-Z][a-z]{3,}$/.test(word)) return undefined;
    const singular = word.endsWith('s') ? word.slice(0, -1) : word;
    const stems: string[] = [];
    if (singular.endsWith('ian')) stems.push(singular.slice(0, -1), singular.slice(0, -3), singular.slice(0, -3) + 'y');
    if (singular.endsWith('an')) stems.push(singular.slice(0, -1), singular.slice(0, -2), singular.slice(0, -2) + 'a');
    if (singular.endsWith('ese')) stems.push(singular.slice(0, -3));
    if (singular.endsWith('i')) stems.push(singular.slice(0, -1));
    for (const stem of stems) {
      if (stem.length < 3) continue;
      const sense = gazetteer.lookup(stem).find((s) => s.entry.featureCode === 'PCLI');
      if (sense) return sense.entry.country;
    }
    return undefined;
  }
}

/** Whether two words are one edit apart: one letter left out, added or changed, or two neighbours swapped. */
export function oneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/**
 * The country a capital or a first-order region stands for when it acts ("Tehran rejected …", "talks with
 * Khartoum", "the Khartoum government"); other places are not actors.
 */
export function seatResolver(gazetteer: Gazetteer): (name: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (name) => {
    if (cache.has(name)) return cache.get(name);
    const sense = /^[A-Z]/.test(name)
      ? gazetteer.lookup(name).find((s) => (s.entry.featureCode === 'PPLC' && s.entry.population > 100000) || s.entry.featureCode === 'RGN' || s.entry.featureCode === 'ADM1')
      : undefined;
    const found = sense?.entry.country || undefined;
    cache.set(name, found);
    return found;
  };
}
