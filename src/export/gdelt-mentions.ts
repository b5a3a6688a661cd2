/**
 * GDELT 2.0 mentions table: 16 tab-separated columns, no header row, one row per mention of an event
 * cluster (each article sentence that reports it), so an event gets a new row each time another article
 * reports it. GLOBALEVENTID is the cluster's (it joins the events table); EventTimeDate is the cluster's
 * DATEADDED and MentionTimeDate when the mention's article was stored. MentionIdentifier is the article's
 * URL (MentionType 1, web) or, without one, its document id (MentionType 2, citation only). The character
 * offsets are where the mention's actors and trigger start in its article (-1 when it has none); Confidence
 * is the coder's confidence in the mention's event, in percent. MentionDocTone is empty (we do not score
 * tone); MentionDocTranslationInfo is empty for English stories and `srclc:<language>;` otherwise (we never
 * translate).
 */
import { compactTimestamp, type ExportEvent } from './records.js';
import type { Cell } from './delimited.js';

export const GDELT_MENTION_COLUMNS: readonly string[] = [
  'GLOBALEVENTID', 'EventTimeDate', 'MentionTimeDate', 'MentionType', 'MentionSourceName', 'MentionIdentifier',
  'SentenceID', 'Actor1CharOffset', 'Actor2CharOffset', 'ActionCharOffset', 'InRawText', 'Confidence',
  'MentionDocLen', 'MentionDocTone', 'MentionDocTranslationInfo', 'Extras',
];

function sourceName(e: ExportEvent): string {
  if (e.url) {
    try {
      return new URL(e.url).hostname.replace(/^www\./, '');
    } catch {
      // not a URL: fall back to the publisher
    }
  }
  return e.publisher ?? '';
}

export function gdeltMentionRow(e: ExportEvent): Cell[] {
  return [
    e.globalId,
    compactTimestamp(e.first.storedAt),
    compactTimestamp(e.storedAt),
    e.url ? 1 : 2,
    sourceName(e),
    e.url ?? e.documentId,
    e.sentence + 1,
    e.source?.start ?? -1,
    e.target?.start ?? -1,
    e.trigger.start,
    1,
    Math.round(e.confidence * 100),
    e.textLength,
    '',
    e.language === 'en' ? '' : `srclc:${e.language};`,
    '',
  ];
}
