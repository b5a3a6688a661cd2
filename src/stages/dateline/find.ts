/**
 * Wire-story datelines at the start of a text: "Washington, (EFE).-", "WASHINGTON (Reuters) -",
 * "MEXICO CITY, Jan 12 (Reuters) -", "BEIRUT, Lebanon (AP) —", "LONDON —". The dateline stays in the
 * text but outside every sentence; its place and agency are recorded.
 */

export interface DatelineMatch {
  start: number;
  end: number;
  text: string;
  place: string;
  agency?: string;
}

const PLACE = String.raw`\p{Lu}[\p{L}.'’]*(?:[ -]\p{Lu}[\p{L}.'’]*){0,3}`;
const DATE = String.raw`(?:\p{Lu}\p{L}{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)`;
const WITH_AGENCY = new RegExp(
  String.raw`^\s*(${PLACE})(?:,\s*(${PLACE}))?\s*,?\s*(?:${DATE}\s*)?\(\s*(\p{Lu}[\p{L}\p{N} .&/-]{0,30}?)\s*\)\s*\.?\s*[-–—]+`,
  'u',
);
const CAPS_ONLY = new RegExp(String.raw`^\s*(\p{Lu}[\p{Lu} .'’-]{2,40}?)(?:,\s*(${PLACE}))?\s*,?\s*(?:${DATE}\s*)?[-–—]+\s`, 'u');

export function findDateline(text: string): DatelineMatch | null {
  const head = text.slice(0, 200);
  const m = WITH_AGENCY.exec(head);
  if (m) {
    const start = head.length - head.trimStart().length;
    return { start, end: m[0].length, text: text.slice(start, m[0].length), place: m[1], agency: m[3] };
  }
  const caps = CAPS_ONLY.exec(head);
  if (caps && caps[1].trim().length >= 3 && !/\p{Ll}/u.test(caps[1])) {
    const start = head.length - head.trimStart().length;
    const end = caps[0].trimEnd().length;
    return { start, end, text: text.slice(start, end), place: caps[1].trim() };
  }
  return null;
}
