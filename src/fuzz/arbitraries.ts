/**
 * Generated inputs for property tests: news-like English with names, dates, numbers and quotes, mixed with
 * arbitrary Unicode — lone surrogates, right-to-left text, emoji and flags, control characters, NULs,
 * combining marks — and odd layouts (no spaces, long lines, many short sentences, blank lines).
 */
import fc from 'fast-check';

const WORDS = [
  'US', 'Secretary', 'of', 'State', 'Antony', 'Blinken', 'met', 'Mexican', 'Foreign', 'Minister', 'Alicia', 'Bárcena', 'in',
  'Washington', 'on', 'Friday', 'December', '27', 'the', 'police', 'arrested', 'more', 'than', '300,000', 'migrants', 'said',
  'he', 'they', 'will', 'not', 'agree', 'to', 'talks', 'with', 'Mexico', 'Guatemala', 'border', 'closed', 'early', 'February',
  'last', 'week', '$5', 'million', '5.25%', 'U.S.', 'Dr.', 'Kyiv', 'Moscow', 'Hamas', 'UN', 'troops', 'attacked', 'protesters',
  'killed', 'two', 'dozen', 'a', 'third', 'every', 'year', 'since', '1990s', 'who', "don't", 'N.Y.', 'e.g.', '—', '-', ';', ':',
];
const PUNCT = ['.', ',', '!', '?', '“', '”', '"', "'", '(', ')', '…', '.-', '--'];
const EXOTIC = [
  '\uD800', '\uDFFF', '\uDBFF\uDC00', '😠', '🇺🇦', '👩‍👩‍👧', '𝐁', 'مرحبا', 'שלום', '\u202E', '\u200F', '\u200B', '\uFEFF', '\u0000',
  '\u0007', '\t', '\r', '\r\n', '\u2028', '\u0301', 'e\u0301', 'ﬁ', 'Ⅻ', '１２３', '\uFFFD', '\uFFFF', '漢字', '한국어',
];

const word = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...EXOTIC) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const sentence = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 25 }), fc.constantFrom(...PUNCT), fc.boolean())
  .map(([words, end, quoted]) => {
    const body = words.join(' ');
    return (quoted ? `“${body},” he said` : body) + end;
  });
const separator = fc.constantFrom(' ', '  ', '\n', '\n\n', '', '\t', ' \r\n');

/** News-like text with Unicode noise: 0 to 14 sentences. */
export const newsText = fc.array(fc.tuple(sentence, separator), { maxLength: 14 }).map((parts) => parts.map(([s, sep]) => s + sep).join(''));

/** Any UTF-16 string, lone surrogates included. */
export const anyUnicode = fc.string({ unit: 'binary', maxLength: 400 });
export const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((codes) => String.fromCharCode(...codes));

/** Everything: news-like, arbitrary code points, arbitrary code units, and a dateline-looking start. */
export const anyText = fc.oneof(
  { weight: 5, arbitrary: newsText },
  { weight: 2, arbitrary: anyUnicode },
  { weight: 2, arbitrary: anyUtf16 },
  { weight: 1, arbitrary: newsText.map((t) => `WASHINGTON, Jan 13 (Reuters) - ${t}`) },
);

export const publishedDate = fc.option(
  fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  { nil: undefined },
);

/** Large inputs checked once each (not generated): a long line, many sentences, a paragraph of noise. */
export function largeCases(scale: number): Array<{ name: string; text: string }> {
  const sentenceText = 'US Secretary of State Antony Blinken met Mexican Foreign Minister Alicia Bárcena in Washington on Friday. ';
  return [
    { name: `${Math.round((1_000_000 * scale) / 1000)} kB line without a newline`, text: 'word '.repeat(Math.round(200_000 * scale)) },
    { name: `${Math.round(10_000 * scale)}-sentence paragraph`, text: sentenceText.repeat(Math.round(10_000 * scale)) },
    { name: 'long run of one emoji', text: '😠'.repeat(Math.round(50_000 * scale)) },
    { name: 'NUL bytes', text: '\u0000'.repeat(Math.round(10_000 * scale)) },
    { name: 'right-to-left with overrides', text: ('\u202Eمرحبا بالعالم. ' + sentenceText).repeat(Math.round(500 * scale)) },
  ];
}
