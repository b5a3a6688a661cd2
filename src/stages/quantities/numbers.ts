/** Reading the value of a written number: "300,000", "3.2 billion", "two dozen", "twenty-four", "a third". */
import type { QuantityLexicon } from './lexicon.js';

/** The value of a number phrase, or null when it is not one. */
export function numberValue(phrase: string, lex: QuantityLexicon): number | null {
  const words = phrase.toLowerCase().replace(/(\d),(?=\d{3})/g, '$1').split(/[\s-]+/).filter((w) => w !== '' && w !== 'and');
  if (words.length === 0) return null;
  let total = 0;
  let current = 0;
  let seen = false;
  let fraction: number | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (/^\d+(?:\.\d+)?$/.test(w)) { current += Number(w); seen = true; continue; }
    if ((w === 'a' || w === 'an') && i === 0) { current = 1; seen = true; continue; }
    const entry = lex.numbers.get(w);
    if (!entry) return null;
    seen = true;
    switch (entry.kind) {
      case 'unit': current += entry.value; break;
      case 'dozen': current = (current || 1) * 12; break;
      case 'fraction': fraction = (current || 1) * entry.value; current = 0; break;
      case 'scale':
        if (entry.value === 100) current = (current || 1) * 100;
        else { total += (current || 1) * entry.value; current = 0; }
        break;
    }
  }
  if (!seen) return null;
  if (fraction !== null) return total + current + fraction;
  return total + current;
}
