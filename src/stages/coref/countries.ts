import type { Gazetteer } from '../../knowledge/gazetteer/gazetteer.js';

const COUNTRY_CODES = /^PCL/;

/**
 * The country (ISO3) a name stands for: a country name or alias ("US", "the United States") or a
 * demonym ("Mexican"). Cities, regions and other places are not countries here.
 */
export function countryResolver(gazetteer: Gazetteer): (name: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (name) => {
    if (cache.has(name)) return cache.get(name);
    let found: string | undefined;
    const bare = name.replace(/^the\s+/i, '').replace(/['’]s$/, '');
    if (bare.length > 1) {
      const sense = gazetteer.lookup(bare).find((s) => COUNTRY_CODES.test(s.entry.featureCode));
      found = sense?.entry.country ?? gazetteer.demonym(bare);
    }
    cache.set(name, found);
    return found;
  };
}
