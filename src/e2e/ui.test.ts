/**
 * The web UI end to end: Debian's headless Chromium (playwright-core) against the real `herodotus serve`
 * over a SQLite file holding the multi-report example (four reports of the 12 January meeting, a syndicated
 * reprint, an unrelated story); the seed EFE story is added through the UI, and `herodotus watch --once` polls
 * feeds on a news site in this process (two articles, and a feed that answers 500) into the same database for
 * the Feeds view. Screenshots of every view go to test-artifacts/ui/. Skipped, with a message, where
 * /usr/bin/chromium is missing.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { ingestWithCli, LINK_FIXTURES_DIR, SEED_DIR } from '../link/fixture-corpus.js';
import { ARTIFACTS, browserMissing, launchBrowser, startServer, type RunningServer } from './browser.js';

const KEY = 'e2e-key-7c1d';
const SEED_ID = 'efe-2024-01-13-us-mexico-migration';
const HOSTILE = [
  'Washington, Jan 14 (Test Wire) - <script>window.__pwned = 1</script>The State Department said on Sunday that',
  ' US Secretary of State Antony Blinken met Mexican Foreign Minister Alicia Bárcena again <img src=x onerror="window.__pwned = 2">',
  ' in Washington, and <b>both</b> pledged to keep working together on migration.',
].join('');

const skip = browserMissing();
let dir: string;
let db: string;
let server: RunningServer;
let browser: BrowserContext;
let page: Page;
const problems: string[] = [];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function go(hash: string): Promise<void> {
  await page.goto(`${server.base}/${hash}`);
}

/** Waits until the filter bar shows this filter in force. */
async function waitForFilter(text: string): Promise<void> {
  await page.locator('[data-testid="active-filters"]', { hasText: text }).waitFor();
}

/** Polls `check` (from Node: the page's CSP forbids evaluating strings, as it should) until it holds. */
async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  for (let waited = 0; !(await check()); waited += 100) {
    if (waited > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The rows of the events table as the user sees them, once the answer for the current filters is in. */
async function tableRows(): Promise<Array<{ id: string; cells: string[] }>> {
  await page.waitForSelector('[data-testid="events-view"][aria-busy="false"]');
  return page.$$eval('[data-testid="events-table"] tbody tr', (rows) => rows.map((r) => ({ id: r.getAttribute('data-event') ?? '', cells: [...r.querySelectorAll('td')].map((td) => td.textContent ?? '') })));
}

/** A news site on 127.0.0.1: an RSS feed of two articles (and their pages), and a feed that answers 500. */
async function feedSite(): Promise<{ base: string; hits: Map<string, number>; close(): Promise<void> }> {
  const stories: Record<string, { title: string; text: string }> = {
    'kenya-ethiopia-water': {
      title: 'Kenya and Ethiopia sign water accord',
      text: 'Kenya and Ethiopia signed a water-sharing agreement in Nairobi on Thursday. The two presidents praised the accord and promised to expand cooperation on the Omo river basin.',
    },
    'brazil-expels-diplomats': {
      title: 'Brazil expels Venezuelan diplomats',
      text: 'Brazil expelled two Venezuelan diplomats on Wednesday, the foreign ministry in Brasília said. The decision followed weeks of tension over the border region and the arrest of a Brazilian journalist.',
    },
  };
  const hits = new Map<string, number>();
  let base = '';
  const site: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/broken/rss.xml') return void res.writeHead(500).end('internal error');
    if (path === '/world/rss.xml') {
      const items = Object.entries(stories)
        .map(([key, s], i) => `<item><title>${s.title}</title><link>${base}/world/${key}</link><guid>${base}/world/${key}</guid><pubDate>Thu, 1${i} Apr 2024 09:00:00 GMT</pubDate></item>`)
        .join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>World News</title><link>${base}/</link>${items}</channel></rss>`);
    }
    const story = stories[path.replace(/^\/world\//, '')];
    if (!story) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>${story.title}</title></head><body><nav>Home | World</nav><article><h1>${story.title}</h1><p>${story.text}</p></article><footer>© World News</footer></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  return {
    base,
    hits,
    close: () =>
      new Promise<void>((done) => {
        site.closeAllConnections();
        site.close(() => done());
      }),
  };
}

/** `herodotus watch --once` on the database the server reads, as a user would run it beside `serve` (async: the feed site answers from this process). */
function watchOnce(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'watch', '--db', db, '--once', '--delay', '0', '--timeout', '5s', '--retries', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('web UI in headless Chromium', { skip }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'herodotus-e2e-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    db = join(dir, 'news.db');
    ingestWithCli([LINK_FIXTURES_DIR], db, dir);
    server = await startServer(db, KEY);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(server.base)) problems.push(`request to another origin: ${r.url()}`);
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('loads: the page comes with a same-origin-only CSP and lists the stored events', async () => {
    const response = await page.goto(`${server.base}/`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response?.headers()['x-content-type-options'], 'nosniff');
    await page.waitForSelector('[data-testid="events-table"] tbody tr');
    const rows = await tableRows();
    assert.ok(rows.length >= 5, `events listed: ${rows.length}`);
    // Before the seed story is added, the meeting has four articles (AP and its reprint count once).
    assert.ok(rows.some((r) => r.cells[6] === '4'), 'the meeting, reported by four articles');
    await shot('01-events-before-seed');
  });

  test('add news: the seed story dropped as files (text and its .meta.json) is coded, stored and shown', async () => {
    await go('#/add');
    await page.click('.settings summary');
    await page.fill('input[name="apiKey"]', KEY);
    await page.fill('input[name="settingsAuthor"]', 'E2E Analyst');
    await page.click('.settings summary');
    await page.setInputFiles('input[name="files"]', [join(SEED_DIR, `${SEED_ID}.txt`), join(SEED_DIR, `${SEED_ID}.meta.json`)]);
    await page.waitForSelector('.file-list li');
    assert.match((await page.textContent('.file-list')) ?? '', /2024-01-13 · EFE/);
    await shot('02-add-news');
    await page.click('[data-testid="add-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="add-outcomes"] li', { timeout: 60_000 });
    assert.match((await page.textContent('[data-testid="add-outcomes"]')) ?? '', new RegExp(`stored as ${SEED_ID}: \\d+ events coded`));
    await go('#/events');
    await page.locator('[data-testid="events-table"] tbody tr td:nth-child(7)', { hasText: /^5$/ }).first().waitFor();
  });

  test('add news: an article containing <script> is stored and its document renders it as text', async () => {
    await go('#/add');
    await page.fill('textarea[name="text"]', HOSTILE);
    await page.fill('input[name="published"]', '2024-01-14');
    await page.fill('input[name="source"]', 'Test Wire');
    await page.fill('input[name="title"]', 'A <script> in the story');
    await page.click('[data-testid="add-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="add-outcomes"] li.ok', { timeout: 60_000 });
    await page.click('[data-testid="add-outcomes"] a');
    await page.waitForSelector('[data-testid="document-text"]');
    const text = (await page.textContent('[data-testid="document-text"]')) ?? '';
    assert.ok(text?.includes('<script>window.__pwned = 1</script>'), 'the markup is shown as the characters it is');
    assert.ok(text?.includes('<img src=x onerror="window.__pwned = 2">'));
    assert.equal(await page.$$eval('[data-testid="document-text"] script, [data-testid="document-text"] img, [data-testid="document-text"] b', (els) => els.length), 0, 'no element made from the text');
    assert.equal(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned), undefined, 'no script ran');
    assert.match((await page.textContent('#document-title')) ?? '', /A <script> in the story/);
    await shot('03-document-with-script-as-text');
  });

  test('events: full-text search, filters and sorting', async () => {
    await go('#/events');
    await page.fill('input[name="search"]', 'hosted');
    await page.click('.filter-bar button[type="submit"]');
    await waitForFilter('search=hosted');
    await until('one row', async () => (await page.$$('[data-testid="events-table"] tbody tr')).length === 1);
    assert.equal((await tableRows())[0].cells[6], '5', 'the five-article meeting is the one that says "hosted"');
    await page.click('.filter-bar button.secondary');
    await page.fill('input[name="country"]', 'PAN');
    await page.click('.filter-bar button[type="submit"]');
    await waitForFilter('country=PAN');
    const panama = await tableRows();
    assert.ok(panama.length > 0 && panama.every((r) => /PAN/.test(r.cells.join(' '))), 'every row concerns Panama');
    await page.click('.filter-bar button.secondary');
    await page.locator('[data-testid="active-filters"]').waitFor({ state: 'detached' });
    await page.click('button.sort[data-column="articles"]');
    await page.waitForSelector('th[aria-sort="descending"] button[data-column="articles"]');
    const sorted = await tableRows();
    assert.equal(sorted[0].cells[6], '5', 'most articles first');
    const counts = sorted.map((r) => Number(r.cells[6]));
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    await shot('04-events');
  });

  test('event: every mention with its sentence, the trigger, source, target, date and place highlighted', async () => {
    await go('#/events');
    await page.waitForSelector('[data-testid="events-table"] tbody tr');
    const meeting = (await tableRows()).find((r) => r.cells[6] === '5');
    assert.ok(meeting);
    await page.click(`tr[data-event="${meeting.id}"] a`);
    await page.waitForSelector('[data-testid="mentions"] li');
    const mentions = await page.$$eval('[data-testid="mentions"] li', (items) =>
      items.map((li) => ({ document: li.getAttribute('data-document') ?? '', roles: [...li.querySelectorAll('blockquote mark')].map((m) => m.getAttribute('data-layers') ?? '') })),
    );
    assert.equal(mentions.length, 6, 'six mentions: five articles and the reprint');
    assert.ok(mentions.some((m) => m.document === SEED_ID));
    assert.ok(mentions.every((m) => m.roles.some((r) => r.includes('trigger'))), 'each mention shows its trigger');
    for (const role of ['source', 'target', 'date', 'place']) assert.ok(mentions.some((m) => m.roles.some((r) => r.includes(role))), `some mention shows its ${role}`);
    await shot('05-event');
  });

  test('corrections: an analyst corrects the event; it shows as corrected, with who and when, in the event, the table and the corrections layer', async () => {
    await page.selectOption('select[name="cameo"]', '043');
    await page.fill('input[name="note"]', 'Blinken hosted Bárcena');
    await page.click('[data-testid="correction-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="correction-note"]');
    assert.match((await page.textContent('[data-testid="correction-note"]')) ?? '', /Corrected \(cameo\) by E2E Analyst on \d{4}-\d{2}-\d{2}/);
    assert.match((await page.textContent('#event-title')) ?? '', /043/);
    await shot('06-event-corrected');
    await go('#/corrections');
    await page.waitForSelector('[data-testid="corrections-table"] tbody tr');
    assert.match((await page.textContent('[data-testid="corrections-table"]')) ?? '', /E2E Analyst.*corrected.*cameo: 040.*→ 043/s);
    await shot('07-corrections');
    await go('#/events');
    await page.waitForSelector('tr.corrected .badge-correct');
  });

  test('document: the text with annotations by layer, layers toggled, and a side list', async () => {
    await go(`#/document/${SEED_ID}`);
    await page.waitForSelector('[data-testid="document-text"] mark');
    assert.match((await page.textContent('[data-testid="document-text"]')) ?? '', /Blinken/);
    const marks = async (layer: string): Promise<number> => page.$$eval(`[data-testid="document-text"] mark.hl-${layer}`, (els) => els.length);
    const listed = async (layer: string): Promise<number> => page.$$eval(`[data-testid="annotation-list"] li.side-${layer}`, (els) => els.length);
    for (const layer of ['actors', 'dates', 'places', 'quotes', 'events']) assert.ok((await marks(layer)) > 0, `${layer} highlighted`);
    assert.equal(await marks('entities'), 0, 'entities are off at first');
    await page.check('[data-testid="layer-toggles"] input[name="entities"]');
    assert.ok((await marks('entities')) > 0);
    assert.ok((await listed('entities')) > 0, 'the side list follows the layers');
    await page.uncheck('[data-testid="layer-toggles"] input[name="places"]');
    assert.equal(await marks('places'), 0);
    assert.equal(await listed('places'), 0);
    await page.check('[data-testid="layer-toggles"] input[name="places"]');
    await page.uncheck('[data-testid="layer-toggles"] input[name="entities"]');
    await page.click('[data-testid="annotation-list"] li.side-dates button');
    await page.waitForSelector('[data-testid="document-text"] mark.hl-selected');
    await shot('08-document');
  });

  test('timeline: events per day split by QuadClass; brushing a period filters every view', async () => {
    await go('#/timeline');
    await page.waitForSelector('[data-testid="timeline-chart"] rect.bar');
    await shot('09-timeline');
    await page.selectOption('select[name="split"]', 'root');
    await page.waitForSelector('[data-testid="timeline-chart"] rect.bar');
    await page.selectOption('select[name="interval"]', 'week');
    await page.waitForSelector('[data-testid="timeline-chart"] g[data-period*="-W"]');
    await page.selectOption('select[name="interval"]', 'day');
    await page.waitForSelector('[data-testid="timeline-chart"] g[data-period="2024-01-12"]');
    // Brush across the bar of 12 January only.
    const bar = await page.$('[data-testid="timeline-chart"] g[data-period="2024-01-12"] rect');
    const box = await bar?.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x - 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width + 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await waitForFilter('from=2024-01-12 · to=2024-01-12');
    await shot('10-timeline-brushed');
    await go('#/events');
    await page.waitForSelector('[data-testid="events-table"] tbody tr');
    const rows = await tableRows();
    assert.ok(rows.length > 0 && rows.every((r) => r.cells[0] === '2024-01-12'), 'the events table shows that day only');
    await page.click('.filter-bar button.secondary');
  });

  test('network: actors as nodes, edges coloured by Goldstein; clicking an edge lists its events', async () => {
    await go('#/network');
    await page.waitForSelector('[data-testid="network-chart"] .node');
    const edges = await page.$$eval('[data-testid="network-chart"] g.edge', (gs) => gs.map((g) => ({ edge: g.getAttribute('data-edge') ?? '', color: g.querySelector('line')?.getAttribute('stroke') ?? '' })));
    assert.ok(edges.length > 0);
    const meeting = edges.find((e) => e.edge === 'MEXGOV-USAGOV');
    assert.ok(meeting, `edges: ${edges.map((e) => e.edge).join(', ')}`);
    await page.click('[data-testid="network-chart"] g.edge[data-edge="MEXGOV-USAGOV"] line.edge-hit', { force: true });
    await page.waitForSelector('[data-testid="edge-events"] tbody tr');
    const listed = await page.$$eval('[data-testid="edge-events"] tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent ?? ''));
    assert.ok(listed.length > 0 && listed.every((s) => /USAGOV|MEXGOV/.test(s)));
    await shot('11-network');
  });

  test('map: places on the shipped world map, sized by events; clicking one filters', async () => {
    await go('#/map');
    await page.waitForSelector('[data-testid="map-chart"] circle.place');
    assert.ok((await page.$$eval('[data-testid="map-chart"] path.country', (p) => p.length)) > 150, 'country shapes from the bundle');
    const radii = await page.$$eval('[data-testid="map-chart"] circle.place', (cs) => cs.map((c) => ({ place: c.getAttribute('data-place') ?? '', r: Number(c.getAttribute('r')) })));
    const biggest = radii.reduce((a, b) => (b.r > a.r ? b : a));
    assert.match(biggest.place, /Washington/);
    await shot('12-map');
    await page.click(`[data-testid="map-chart"] circle.place[data-place="${biggest.place}"]`);
    await waitForFilter(`place=${biggest.place}`);
    await go('#/events');
    await page.waitForSelector('[data-testid="events-table"] tbody tr');
    assert.ok((await tableRows()).every((r) => r.cells[4].startsWith(biggest.place)));
    await page.click('.filter-bar button.secondary');
  });

  test('feeds: before anything is watched, the Feeds view explains how to start', async () => {
    await go('#/feeds');
    await page.waitForSelector('[data-testid="feeds-view"][aria-busy="false"] [data-testid="feeds-empty"]');
    assert.match((await page.textContent('[data-testid="feeds-empty"]')) ?? '', /No feeds watched yet\..*herodotus watch --db news\.db --feed https:\/\/example\.org\/world\/rss\.xml/s);
    assert.equal(await page.$('[data-testid="feeds-table"]'), null);
    await shot('13-feeds-empty');
  });

  test('feeds: `herodotus watch --once` on the served database; Refresh shows both feeds, the failing one flagged with its error', async () => {
    const news = await feedSite();
    try {
      const good = `${news.base}/world/rss.xml`;
      const bad = `${news.base}/broken/rss.xml`;
      const run = await watchOnce(['--feed', good, '--feed', bad]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(news.hits.get('/broken/rss.xml'), 1, 'no retry asked for');
      // The view is still open on the empty state: the Refresh button asks again.
      await page.click('[data-testid="feeds-refresh"]');
      await page.waitForSelector('[data-testid="feeds-view"][aria-busy="false"] [data-testid="feeds-table"] tbody tr');
      const rows = await page.$$eval('[data-testid="feeds-table"] tbody tr', (trs) =>
        trs.map((tr) => {
          const cell = (name: string): string => tr.querySelector(`[data-cell="${name}"]`)?.textContent ?? '';
          const outcomes = Object.fromEntries([...tr.querySelectorAll('[data-outcome]')].map((li) => [li.getAttribute('data-outcome') ?? '', li.querySelector('strong')?.textContent ?? '']));
          return { url: tr.getAttribute('data-feed') ?? '', health: tr.getAttribute('data-health') ?? '', urlText: tr.querySelector('td.url')?.textContent ?? '', failing: tr.classList.contains('feed-failing'), cells: { health: cell('health'), lastPoll: cell('last-poll'), lastOk: cell('last-ok'), seen: cell('seen'), stored: cell('stored'), errors: cell('errors'), lastError: cell('last-error') }, outcomes };
        }),
      );
      assert.deepEqual(rows.map((r) => r.url).sort(), [bad, good].sort());
      const ok = rows.find((r) => r.url === good)!;
      assert.equal(ok.urlText, good);
      assert.equal(ok.health, 'ok');
      assert.equal(ok.failing, false);
      assert.match(ok.cells.health, /^ok$/);
      assert.match(ok.cells.lastPoll, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}just nowHTTP 200$/);
      assert.match(ok.cells.lastOk, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}just now$/);
      assert.deepEqual([ok.cells.seen, ok.cells.stored, ok.cells.errors, ok.cells.lastError], ['2', '2', '0', 'none']);
      assert.deepEqual(ok.outcomes, { stored: '2' });
      const failing = rows.find((r) => r.url === bad)!;
      assert.equal(failing.health, 'failing');
      assert.equal(failing.failing, true);
      assert.match(failing.cells.health, /failing.*1 error in a row/);
      assert.match(failing.cells.lastPoll, /just nowfailed: HTTP error$/);
      assert.equal(failing.cells.lastOk, 'never');
      assert.deepEqual([failing.cells.seen, failing.cells.stored, failing.cells.errors, failing.cells.lastError], ['0', '0', '1', 'HTTP 500']);
      assert.deepEqual(failing.outcomes, {});
      assert.match((await page.textContent('[data-testid="feeds-summary"]')) ?? '', /^2 feeds · 1 failing · checked .* UTC, again every 30 s$/);
      assert.match((await page.textContent('#feeds-title')) ?? '', /Feeds\s*2/);
      await shot('13-feeds');
      // The two stored articles are documents of the served database like any other.
      await go('#/documents');
      await page.locator('.doc-list a', { hasText: 'Kenya and Ethiopia sign water accord' }).waitFor();
    } finally {
      await news.close();
    }
  });

  test('feeds: the open view asks again every 30 s (page clock run forward), and stops once another view is open', async () => {
    const other = await browser.newPage();
    try {
      other.on('pageerror', (e) => problems.push(`page error (clock page): ${e.message}`));
      let asked = 0;
      other.on('request', (r) => {
        if (new URL(r.url()).pathname === '/feeds') asked++;
      });
      await other.clock.install();
      await other.goto(`${server.base}/#/feeds`);
      await other.waitForSelector('[data-testid="feeds-view"][aria-busy="false"] [data-testid="feeds-table"] tbody tr');
      assert.equal(asked, 1);
      await other.clock.runFor(29_000);
      assert.equal(asked, 1, 'not before 30 s');
      await other.clock.runFor(1_500);
      await until('the second request', async () => asked === 2, 5_000);
      await other.waitForSelector('[data-testid="feeds-view"][aria-busy="false"] [data-testid="feeds-table"] tbody tr');
      await other.goto(`${server.base}/#/events`);
      await other.waitForSelector('[data-testid="events-table"] tbody tr');
      await other.clock.runFor(95_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(asked, 2, 'the timer went with the view');
    } finally {
      await other.close();
    }
  });

  test('nothing went wrong in the page: no script error, no failed or outside request, no CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});
