/** RSS 2.0 and Atom files: each item/entry becomes a document with its link, title and date. */
import type { XMLParser } from 'fast-xml-parser';
import { lazyRequire } from '../../core/lazy.js';
import { htmlToText, toIsoDate } from './html.js';
import type { IngestItem, RawMeta } from './types.js';
import { skipped } from './types.js';

type Node = Record<string, unknown>;

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The text of an XML node that may be a string, a number, or `{ '#text': … }`. */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && '#text' in (value as Node)) return textOf((value as Node)['#text']);
  return undefined;
}

function atomLink(value: unknown): string | undefined {
  const links = asArray(value as Node | Node[]);
  const alternate = links.find((l) => typeof l === 'object' && (l['@_rel'] === undefined || l['@_rel'] === 'alternate'));
  const chosen = alternate ?? links[0];
  return typeof chosen === 'string' ? chosen : (chosen?.['@_href'] as string | undefined);
}

const xml = lazyRequire<typeof import('fast-xml-parser')>('fast-xml-parser');
const parser = (): XMLParser => new (xml().XMLParser)({ ignoreAttributes: false, processEntities: true, htmlEntities: true });

/** The parser's message on one line: its JSON paths are printed over several lines with padding. */
const oneLine = (error: unknown): string => (error as Error).message.replace(/\s+/g, ' ').trim();

/**
 * A feed that is not well-formed XML (cut off, or one broken item): its complete, well-formed items are
 * kept, and one skipped record says what was lost. Nothing is recovered when no item survives.
 */
function salvage(xml: string, origin: string, problem: string): IngestItem[] {
  const atom = !/<(rss|rdf:RDF)\b/i.test(xml) && /<feed\b/i.test(xml);
  const tag = atom ? 'entry' : 'item';
  const blocks = xml.match(new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?</${tag}>`, 'g')) ?? [];
  const head = xml.slice(0, xml.search(new RegExp(`<${tag}\\b`)) >>> 0);
  const channelTitle = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(head)?.[1] ?? '';
  const good: string[] = [];
  let broken = 0;
  for (const block of blocks) {
    try {
      parser().parse(block, true);
      good.push(block);
    } catch {
      broken++;
    }
  }
  const lost = `not a well-formed RSS/Atom file (${problem})`;
  if (good.length === 0) return [skipped(origin, 'FEED_MALFORMED', lost)];
  const rebuilt = atom
    ? `<feed><title>${channelTitle}</title>${good.join('')}</feed>`
    : `<rss><channel><title>${channelTitle}</title>${good.join('')}</channel></rss>`;
  let items: IngestItem[];
  try {
    items = readFeed(rebuilt, origin, false);
  } catch {
    return [skipped(origin, 'FEED_MALFORMED', lost)];
  }
  const note = `${lost}: ${good.length} complete ${tag}(s) kept, ${broken > 0 ? `${broken} broken ${tag}(s) and ` : ''}anything after the last complete ${tag} skipped`;
  return [...items, skipped(origin, 'FEED_MALFORMED', note)];
}

export function readFeed(xml: string, origin: string, recover = true): IngestItem[] {
  let root: Node;
  try {
    root = parser().parse(xml, true) as Node;
  } catch (error) {
    if (recover) return salvage(xml, origin, oneLine(error));
    return [skipped(origin, 'FEED_MALFORMED', `not a well-formed RSS/Atom file (${oneLine(error)})`)];
  }
  const out: IngestItem[] = [];
  const rss = root.rss as Node | undefined;
  const feed = root.feed as Node | undefined;
  const rdf = root['rdf:RDF'] as Node | undefined;
  let entries: Array<{ meta: RawMeta; html: string; where: string }> = [];
  if (rss || rdf) {
    const channel = (rss?.channel ?? rdf?.channel) as Node | undefined;
    const source = textOf(channel?.title);
    const items = asArray((rss ? channel?.item : rdf?.item) as Node | Node[]);
    entries = items.map((item, i) => ({
      where: `${origin}#${i + 1}`,
      html: textOf(item['content:encoded']) ?? textOf(item.description) ?? '',
      meta: clean({
        id: textOf(item.guid) ?? textOf(item.link),
        url: textOf(item.link),
        title: textOf(item.title),
        published: dateOf(textOf(item.pubDate) ?? textOf(item['dc:date'])),
        source,
        byline: textOf(item.author) ?? textOf(item['dc:creator']),
      }),
    }));
  } else if (feed) {
    const source = textOf(feed.title);
    entries = asArray(feed.entry as Node | Node[]).map((entry, i) => ({
      where: `${origin}#${i + 1}`,
      html: textOf(entry.content) ?? textOf(entry.summary) ?? '',
      meta: clean({
        id: textOf(entry.id) ?? atomLink(entry.link),
        url: atomLink(entry.link),
        title: textOf(entry.title),
        published: dateOf(textOf(entry.published) ?? textOf(entry.updated)),
        source,
        byline: textOf((entry.author as Node | undefined)?.name),
      }),
    }));
  } else {
    return [skipped(origin, 'FEED_MALFORMED', 'no <rss>, <rdf:RDF> or <feed> root element')];
  }
  for (const entry of entries) {
    const body = htmlToText(entry.html);
    const text = [entry.meta.title, body].filter((part) => part && part.trim() !== '').join('\n');
    if (body.trim() === '' && !entry.meta.title) {
      out.push(skipped(entry.where, 'FEED_ITEM_EMPTY', 'feed item has neither text nor title'));
      continue;
    }
    out.push({ kind: 'document', text, meta: entry.meta, origin: entry.where, diagnostics: [] });
  }
  return out;
}

function dateOf(value: string | undefined): string | undefined {
  return value ? toIsoDate(value) : undefined;
}

function clean(meta: RawMeta): RawMeta {
  const out: RawMeta = {};
  for (const [key, value] of Object.entries(meta) as Array<[keyof RawMeta, string | undefined]>) {
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}
