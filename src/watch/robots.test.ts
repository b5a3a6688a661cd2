import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crawlDelay, isAllowed, MAX_CRAWL_DELAY_S, parseRobots } from './robots.js';
import { Fetcher, FetchError } from './fetcher.js';
import { parseDuration } from './duration.js';

test('robots.txt: our group over *, longest match wins, Allow wins ties, wildcards and $', () => {
  const robots = parseRobots(`# comment
User-agent: *
Disallow: /

User-agent: Herodotus
User-agent: otherbot
Disallow: /private/
Allow: /private/open
Disallow: /*.pdf$
Disallow:
Crawl-delay: 3
`);
  assert.equal(isAllowed(robots, 'herodotus', '/news/1'), true);
  assert.equal(isAllowed(robots, 'herodotus', '/private/x'), false);
  assert.equal(isAllowed(robots, 'herodotus', '/private/open/x'), true);
  assert.equal(isAllowed(robots, 'herodotus', '/a/b.pdf'), false);
  assert.equal(isAllowed(robots, 'herodotus', '/a/b.pdf?x=1'), true);
  assert.equal(isAllowed(robots, 'somebot', '/news/1'), false, '* group disallows everything');
  assert.equal(isAllowed(parseRobots(''), 'herodotus', '/x'), true);
  assert.equal(isAllowed(parseRobots('User-agent: *\nDisallow: /a\nAllow: /a'), 'herodotus', '/a'), true, 'tie → allow');
});

test('durations', () => {
  assert.equal(parseDuration('15m'), 900_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('2'), 2000);
  assert.equal(parseDuration('x'), null);
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test('fetcher: one request at a time per host with the delay, redirects limited, size cut, schemes, robots', async () => {
  let active = 0;
  let maxActive = 0;
  const starts: number[] = [];
  const { server, base } = await listen((req, res) => {
    const url = req.url ?? '/';
    if (url === '/robots.txt') return void res.end('User-agent: *\nDisallow: /no\n');
    if (url.startsWith('/hop')) {
      const n = Number(url.slice(4));
      res.writeHead(302, { location: n === 0 ? '/page' : `/hop${n - 1}` });
      return void res.end();
    }
    if (url === '/ftp') {
      res.writeHead(301, { location: 'ftp://example.org/x' });
      return void res.end();
    }
    if (url === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = 'x'.repeat(16_384);
      let sent = 0;
      const timer = setInterval(() => {
        if (sent++ > 200 || res.destroyed) {
          clearInterval(timer);
          return void res.end();
        }
        res.write(chunk);
      }, 2);
      return;
    }
    active++;
    maxActive = Math.max(maxActive, active);
    starts.push(Date.now());
    setTimeout(() => {
      active--;
      res.end(`ok ${req.headers['user-agent']}`);
    }, 30);
  });
  try {
    const fetcher = new Fetcher({ userAgent: 'Herodotus/test', delayMs: 100, timeoutMs: 2000, maxBytes: 100_000, maxRedirects: 5, retries: 0, backoffMs: 10 });
    const pages = await Promise.all([1, 2, 3].map((i) => fetcher.get(`${base}/p${i}`)));
    assert.equal(maxActive, 1, 'never two requests at once to one host');
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i] - starts[i - 1] >= 100 + 25, `delay kept between requests (${starts[i] - starts[i - 1]} ms)`);
    assert.match(pages[0].body.toString(), /ok Herodotus\/test/);
    const five = await fetcher.get(`${base}/hop4`);
    assert.equal(five.redirects, 5);
    assert.equal(new URL(five.url).pathname, '/page');
    const kind = async (url: string): Promise<string> => fetcher.get(url).then(() => 'ok', (e: FetchError) => e.kind);
    assert.equal(await kind(`${base}/hop5`), 'too-many-redirects');
    assert.equal(await kind(`${base}/ftp`), 'bad-url');
    assert.equal(await kind('file:///etc/passwd'), 'bad-url');
    assert.equal(await kind(`${base}/no/x`), 'disallowed');
    assert.equal(await kind(`${base}/big`), 'too-large');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('robots.txt Crawl-delay: read from our group (else *), capped, malformed values ignored', () => {
  const robots = parseRobots('User-agent: *\nCrawl-delay: 5\n\nUser-agent: Herodotus\nCrawl-delay: 2.5\nDisallow: /x\n');
  assert.equal(crawlDelay(robots, 'herodotus'), 2.5, 'our own group wins over *');
  assert.equal(crawlDelay(robots, 'otherbot'), 5);
  assert.equal(crawlDelay(parseRobots('User-agent: *\nDisallow: /a\n'), 'herodotus'), undefined);
  assert.equal(crawlDelay(parseRobots('User-agent: *\nCrawl-delay: soon\nCrawl-delay: -3\n'), 'herodotus'), undefined);
  assert.equal(crawlDelay(parseRobots('User-agent: *\nCrawl-delay: 86400\n'), 'herodotus'), MAX_CRAWL_DELAY_S);
  assert.equal(isAllowed(robots, 'herodotus', '/x/1'), false, 'the delay line does not break the rules after it');
});

test('fetcher: a host’s Crawl-delay stretches the pause between its requests, other hosts keep the configured delay', async () => {
  const starts: number[] = [];
  const { server, base } = await listen((req, res) => {
    if (req.url === '/robots.txt') return void res.end('User-agent: *\nCrawl-delay: 0.4\n');
    starts.push(Date.now());
    res.end('ok');
  });
  const plain = await listen((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    res.end('ok');
  });
  try {
    const fetcher = new Fetcher({ userAgent: 'Herodotus/test', delayMs: 20, timeoutMs: 2000, maxBytes: 100_000, maxRedirects: 5, retries: 0, backoffMs: 10 });
    await Promise.all([1, 2, 3].map((i) => fetcher.get(`${base}/p${i}`)));
    assert.equal(starts.length, 3);
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i] - starts[i - 1] >= 380, `Crawl-delay kept (${starts[i] - starts[i - 1]} ms apart)`);
    assert.equal(fetcher.delayFor(new URL(base).host), 400);
    await fetcher.get(`${plain.base}/a`);
    assert.equal(fetcher.delayFor(new URL(plain.base).host), 20, 'a host without Crawl-delay keeps --delay');
  } finally {
    for (const s of [server, plain.server]) {
      s.closeAllConnections();
      s.close();
    }
  }
});
