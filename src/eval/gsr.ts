/**
 * The PLOVER gold-standard records (PLOVER_GSR_CAMEO.json, OEDA, PLOVER 0.5b1): one sentence per record,
 * mostly the CAMEO 1.1b3 manual's own examples, with the event type, mode, and source/target actors
 * `{ actorText, code, sector? }`. Shared by the actor and event evals.
 *
 * What the gold codes look like (checked over the whole file): actor `code` is a CAMEO country code,
 * which is ISO 3166-1 alpha-3 except JAP (Japan, ISO JPN), ITL (Italy, ISO ITA) and VTN (used for
 * "Vietnamese-led forces": Vietnam, ISO VNM); or a non-state code: IGO, NGO, IMG (international
 * militarised group), ISM (used for "Muslim hackers"). `sector` is a CAMEO role code, sometimes with an
 * ethnic/religious suffix (CVLalb, REBkur, GOVMOS); `***` or no sector means the coder gave none; CIV is
 * a misspelling of CVL. Records whose `source`/`target` is an empty string instead of a list have both
 * actors in `source` (joint actors, SRC/TAR in the markup).
 */

export interface GoldActor {
  text: string;
  /** The code as given. */
  code: string;
  /** ISO 3166-1 alpha-3, or '' for a non-state code. */
  country: string;
  /** Three-letter CAMEO sector (first role block, upper case), or '' when the coder gave none. */
  sector: string;
  role: 'source' | 'target';
}

export interface GsrRecord {
  id: string;
  /** PLOVER 0.5 event name as given (AGREE, DEMAND, DISAPPROVE, FIGHT, …). */
  event: string;
  mode: string;
  context: string;
  date: string;
  text: string;
  /** The annotated sentence, e.g. "(SRC: Greece) (EVT: demanded) that its (TAR: European Community) …". */
  markup: string;
  actors: GoldActor[];
  /** Joint actors: no target list, the markup tags the actors SRC/TAR (each is source and target of the other). */
  joint: boolean;
}

/** CAMEO country codes in the file that are not ISO 3166-1 alpha-3, with their ISO equivalent. */
export const CAMEO_COUNTRY_TO_ISO: Readonly<Record<string, string>> = { JAP: 'JPN', ITL: 'ITA', VTN: 'VNM' };
/** Gold codes that name no country. */
export const NON_STATE_CODES: ReadonlySet<string> = new Set(['IGO', 'NGO', 'IMG', 'ISM', 'NGM', 'MNC']);

export function isoCountry(code: string): string {
  const upper = code.trim().toUpperCase();
  if (NON_STATE_CODES.has(upper.slice(0, 3))) return '';
  const three = upper.slice(0, 3);
  return CAMEO_COUNTRY_TO_ISO[three] ?? three;
}

export function goldSector(sector: string | undefined): string {
  if (!sector) return '';
  const three = sector.slice(0, 3).toUpperCase();
  if (!/^[A-Z]{3}$/.test(three)) return '';
  return three === 'CIV' ? 'CVL' : three;
}

interface RawActor {
  actorText?: unknown;
  code?: unknown;
  sector?: unknown;
}

interface RawRecord {
  id?: unknown;
  event?: unknown;
  mode?: unknown;
  context?: unknown;
  date?: unknown;
  text?: unknown;
  textInfo?: { markup?: unknown };
  source?: unknown;
  target?: unknown;
}

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** Reads the records, skipping DOCUMENT records and records without text. */
export function readGsr(json: string): GsrRecord[] {
  const raw = JSON.parse(json) as RawRecord[];
  const out: GsrRecord[] = [];
  for (const r of raw) {
    const event = str(r.event);
    if (event === 'DOCUMENT' || str(r.text) === '') continue;
    const actors: GoldActor[] = [];
    for (const role of ['source', 'target'] as const) {
      const list = r[role];
      if (!Array.isArray(list)) continue;
      for (const a of list as RawActor[]) {
        const text = str(a.actorText).replace(/\s+/g, ' ').trim();
        if (text === '') continue;
        actors.push({ text, code: str(a.code), country: isoCountry(str(a.code)), sector: goldSector(str(a.sector)), role });
      }
    }
    const markup = str(r.textInfo?.markup);
    const joint = !Array.isArray(r.target) && markup.includes('SRC/TAR');
    out.push({ id: str(r.id), event, mode: str(r.mode), context: str(r.context), date: str(r.date), text: str(r.text), markup, actors, joint });
  }
  return out;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Word-bounded, case-insensitive occurrences of `phrase` in `text`: start offsets. */
export function occurrences(text: string, phrase: string): number[] {
  if (phrase === '') return [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(phrase)}(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(re)].map((m) => m.index);
}

/**
 * Where a gold actor's text is in the record text: [start, end), or null when it is not there. When the
 * text occurs more than once, the markup decides: the occurrence tagged `(SRC: …)` / `(TAR: …)` /
 * `(SRC/TAR: …)` is the k-th in the markup, so the k-th in the text is taken (the first when the markup
 * does not tell). A discontinuous actor text ("Sierra Leonean ... refugees") is located by its first part.
 */
export function locateActor(text: string, markup: string, actor: Pick<GoldActor, 'text' | 'role'>): { start: number; end: number } | null {
  const phrase = actor.text.split(/\s*\.{2,}\s*/)[0].trim();
  const found = occurrences(text, phrase);
  if (found.length === 0) return null;
  let k = 0;
  if (found.length > 1 && markup !== '') {
    const tags = actor.role === 'source' ? ['SRC', 'SRC/TAR'] : ['TAR', 'SRC/TAR'];
    const lower = markup.toLowerCase();
    for (const tag of tags) {
      const at = lower.indexOf(`(${tag.toLowerCase()}: ${phrase.toLowerCase()}`);
      if (at >= 0) {
        k = occurrences(markup.slice(0, at), phrase).length;
        break;
      }
    }
  }
  const start = found[Math.min(k, found.length - 1)];
  return { start, end: start + phrase.length };
}

/** PLOVER 0.5 names of the gold file → the PLOVER names we code (with the mode that carries the old meaning). */
export const PLOVER_05_TO_CURRENT: Readonly<Record<string, { type: string; mode?: string }>> = {
  DEMAND: { type: 'REQUEST' },
  DISAPPROVE: { type: 'ACCUSE', mode: 'disapprove' },
  FIGHT: { type: 'ASSAULT' },
  INVESTIGATE: { type: 'ACCUSE', mode: 'investigate' },
};

/** The current PLOVER type for a gold event name. */
export const currentPloverType = (event: string): string => PLOVER_05_TO_CURRENT[event]?.type ?? event;
