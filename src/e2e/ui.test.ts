/**
 * The web UI end to end: Debian's headless Chromium (playwright-core) against the real `herodotus serve`
 * over a SQLite file holding the multi-report example (four reports of the 12 January meeting, a syndicated
 * reprint, an unrelated story); the seed EFE story is added through the UI. Screenshots of every view go to
 * test-artifacts/ui/. Skipped, with a message, where /usr/bin/chromium is missing.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('web UI in headless Chromium', { skip }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'herodotus-e2e-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const db = join(dir, 'news.db');
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

  test('nothing went wrong in the page: no script error, no failed or outside request, no CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});
