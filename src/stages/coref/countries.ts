import type { Gazetteer } from '../../knowledge/gazetteer/gazetteer.js';
import type { ActorLexicon } from '../../knowledge/actors/lexicon.js';

const COUNTRY_CODES = /^PCL/;

/**
 * The country (ISO3) a name stands for: a country name or alias ("US", "the United States") or a
 * demonym ("Mexican"). Cities, regions and other places are not countries here.
 */
export function countryResolver(gazetteer: Gazetteer, lexicon?: ActorLexicon): (name: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (name) => {
    if (cache.has(name)) return cache.get(name);
    let found: string | undefined;
    const bare = name.replace(/^the\s+/i, '').replace(/['’]s$/, '');
    if (bare.length > 1) {
      const sense = gazetteer.lookup(bare).find((s) => COUNTRY_CODES.test(s.entry.featureCode));
      found = lexicon?.countryName(bare) ?? sense?.entry.country ?? gazetteer.demonym(bare) ?? demonymByForm(bare);
    }
    cache.set(name, found);
    return found;
  };

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
