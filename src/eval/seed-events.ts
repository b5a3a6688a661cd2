/**
 * The ten events a careful coder extracts from the seed story (examples/efe-2024-01-13-us-mexico-migration.txt),
 * transcribed by hand from the events table of ../shared/seed/EXPECTED.md (not read at run time).
 *
 * - `sentence`: a phrase that occurs once in the story and identifies the event's sentence;
 * - `codes`: acceptable CAMEO codes, the preferred first; `03*` stands for every code under 03
 *   (EXPECTED.md's "03x", "010s"); ranges such as 040–046 are written out;
 * - `dyads`: acceptable source → target country pairs; `*` accepts any target, or none (EXPECTED.md
 *   leaves it open: "migrants (REF or unspecified)", "(region)"); for one real-world event coded in
 *   either direction ("↔") both directions are listed;
 * - `dates`: acceptable event date values; null = any (EXPECTED.md: "ongoing; publication date acceptable").
 */
export interface Dyad {
  readonly source: readonly string[];
  /** Target countries, or '*' for any target (or none). */
  readonly target: readonly string[] | '*';
}

export interface ExpectedEvent {
  readonly n: number;
  readonly sentence: string;
  readonly summary: string;
  readonly codes: readonly string[];
  readonly dyads: readonly Dyad[];
  readonly dates: readonly string[] | null;
}

const both = (a: string, b: string): Dyad[] => [
  { source: [a], target: [b] },
  { source: [b], target: [a] },
];

export const SEED_HEADLINE = 'Joint Action Between the United States and Mexico';

export const SEED_EVENTS: readonly ExpectedEvent[] = [
  { n: 1, sentence: 'Blinken congratulated Mexican Foreign Minister', summary: 'Blinken congratulated Bárcena', codes: ['051', '050', '01*'], dyads: [{ source: ['USA'], target: ['MEX'] }], dates: ['2024-01-12', '2024-01-13'] },
  { n: 2, sentence: 'meeting of two high-level delegations', summary: 'meeting of US and Mexican delegations in Washington', codes: ['043', '042', '040', '044', '046'], dyads: both('USA', 'MEX'), dates: ['2024-01-12'] },
  { n: 3, sentence: "Mexico's increased deportations", summary: "Mexico's increased deportations", codes: ['174'], dyads: [{ source: ['MEX'], target: '*' }], dates: null },
  {
    n: 4,
    sentence: 'These measures were agreed',
    summary: 'measures agreed at the December 27 meeting in Mexico City',
    codes: ['057', '03*', '040', '041', '042', '043', '044', '045', '046'],
    dyads: both('USA', 'MEX'),
    dates: ['2023-12-27'],
  },
  {
    n: 5,
    sentence: 'closed several border points',
    summary: 'the Biden administration closed border points',
    codes: ['172', '1721', '160', '161', '162', '163', '164', '165', '166'],
    dyads: [{ source: ['USA'], target: ['MEX'] }],
    dates: ['2023-12'],
  },
  { n: 6, sentence: 'expressed his desire to expand migration cooperation', summary: 'Blinken wants to expand cooperation with Mexico and Guatemala', codes: ['030', '031', '033'], dyads: [{ source: ['USA'], target: ['MEX', 'GTM'] }], dates: ['2024-01-12'] },
  { n: 7, sentence: 'The foreign minister also pledged', summary: 'Bárcena pledged to work with countries in the region', codes: ['030', '031'], dyads: [{ source: ['MEX'], target: '*' }], dates: ['2024-01-12'] },
  {
    n: 8,
    sentence: 'the Mexican Foreign Ministry announced',
    summary: 'agreement for a joint visit to the Darién',
    codes: ['057', '030', '036', '042'],
    dyads: [...both('USA', 'MEX'), { source: ['MEX', 'USA'], target: ['PAN'] }],
    dates: ['2024-01-12'],
  },
  { n: 9, sentence: 'they will seek to meet', summary: "they will seek to meet Guatemala's new government", codes: ['036'], dyads: [{ source: ['MEX', 'USA'], target: ['GTM'] }], dates: ['2024-01-12'] },
  { n: 10, sentence: 'Both committees will meet again', summary: 'the committees will meet again in early February', codes: ['036'], dyads: both('USA', 'MEX'), dates: ['2024-02'] },
];
