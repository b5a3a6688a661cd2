/** Language data the segmenter needs, loaded once from dist/data/segment/ and passed in. */
export type AbbreviationKind = 'title' | 'month' | 'final' | 'inner';

export interface SegmentLexicon {
  /** Abbreviation with its period (exact case) → kind. */
  readonly abbreviations: ReadonlyMap<string, AbbreviationKind>;
  /** Capitalised words that start a new sentence after a `final` abbreviation. */
  readonly sentenceStarters: ReadonlySet<string>;
}

export function segmentLexiconFromRows(abbreviations: string[][], starters: string[][]): SegmentLexicon {
  const map = new Map<string, AbbreviationKind>();
  for (const [form, kind] of abbreviations) {
    if (kind !== 'title' && kind !== 'month' && kind !== 'final' && kind !== 'inner') {
      throw new Error(`abbreviations: unknown kind '${kind}' for '${form}'`);
    }
    map.set(form, kind);
  }
  return { abbreviations: map, sentenceStarters: new Set(starters.map((row) => row[0])) };
}
