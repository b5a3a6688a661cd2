/** RSS 2.0 and Atom files: each item/entry becomes a document with its link, title and date. */
import { XMLParser } from 'fast-xml-parser';
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

export function readFeed(xml: string, origin: string): IngestItem[] {
  let root: Node;
  try {
    root = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true }).parse(xml, true) as Node;
  } catch (error) {
    return [skipped(origin, 'FEED_MALFORMED', `not a well-formed RSS/Atom file (${(error as Error).message.split('\n')[0]})`)];
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
