/**
 * GDELT 2.0 mentions table: 16 tab-separated columns, no header row, one row per article sentence that
 * reports an event. Until cross-document linking lands, each event has exactly one mention.
 * MentionDocTone is empty (we do not score tone); MentionDocTranslationInfo is empty for English
 * stories and `srclc:<language>` otherwise (we never translate).
 */
import { compactTimestamp, type ExportEvent } from './records.js';
import { citation } from './gdelt.js';
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
    compactTimestamp(e.storedAt),
    compactTimestamp(e.storedAt),
    e.url ? 1 : 2,
    sourceName(e),
    citation(e),
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
