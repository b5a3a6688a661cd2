/**
 * News pages → article text with @mozilla/readability over a linkedom DOM. Paragraph structure is
 * kept: each block element becomes its own line, so headlines and paragraphs stay separate sentences.
 */
import { lazyRequire } from '../../core/lazy.js';
import type { RawMeta } from './types.js';

// Loaded on the first HTML page: plain-text and JSONL runs never pay for them.
const linkedom = lazyRequire<typeof import('linkedom')>('linkedom');
const readability = lazyRequire<typeof import('@mozilla/readability')>('@mozilla/readability');
const parseHTML = (html: string): ReturnType<typeof import('linkedom').parseHTML> => linkedom().parseHTML(html);

const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, figcaption, td';

/** Text of an HTML fragment with one line per block element (inline text outside blocks kept too). */
export function htmlToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = Array.from(document.querySelectorAll(BLOCKS)) as Array<{ textContent: string | null; querySelector(s: string): unknown }>;
  const leaves = blocks.filter((el) => !el.querySelector(BLOCKS));
  const lines = (leaves.length > 0 ? leaves.map((el) => el.textContent ?? '') : [document.body?.textContent ?? ''])
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  return lines.join('\n');
}

function metaContent(document: { querySelector(s: string): { getAttribute(n: string): string | null } | null }, selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute('content') ?? document.querySelector(selector)?.getAttribute('datetime');
    if (value && value.trim() !== '') return value.trim();
  }
  return undefined;
}

export type HtmlArticle = { ok: true; text: string; meta: RawMeta } | { ok: false; message: string };

export function extractArticle(html: string): HtmlArticle {
  // linkedom gives a page without <html> no body at all: a bare fragment (`<p>…`) is wrapped in one.
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const published = metaContent(document, [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="date"]',
    'meta[name="DC.date.issued"]',
    'time[datetime]',
  ]);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent(document, ['meta[property="og:url"]']);
  const siteName = metaContent(document, ['meta[property="og:site_name"]']);
  const article = new (readability().Readability)(document as unknown as ConstructorParameters<typeof import('@mozilla/readability').Readability>[0], { charThreshold: 100 }).parse();
  const text = article?.content ? htmlToText(article.content) : htmlToText(document.body?.innerHTML ?? '');
  if (text.trim() === '') return { ok: false, message: 'no article text found in the HTML page' };
  const meta: RawMeta = {};
  const title = article?.title?.trim() || document.querySelector('title')?.textContent?.trim();
  if (title) meta.title = title;
  if (article?.byline) meta.byline = article.byline.trim();
  const when = article?.publishedTime ?? published;
  if (when) meta.published = toIsoDate(when) ?? when;
  if (canonical) meta.url = canonical;
  if (siteName ?? article?.siteName) meta.source = (siteName ?? article?.siteName ?? '').trim() || undefined;
  if (meta.source === undefined) delete meta.source;
  return { ok: true, text, meta };
}

/** Any date string `Date` understands → ISO 8601 date-time (UTC); undefined if unparseable. */
export function toIsoDate(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const date = new Date(trimmed);
  if (Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().replace('.000Z', 'Z');
}
