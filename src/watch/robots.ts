/**
 * robots.txt (RFC 9309): groups of user-agent lines with Allow/Disallow rules. Our group is the one naming
 * our product token (case-insensitive), else the `*` group, else everything is allowed. The longest
 * matching rule wins; on a tie Allow wins. `*` matches any run of characters and `$` anchors the end.
 * `Crawl-delay` (not in the RFC, but widely used) is read from the same group: seconds between requests.
 */

export interface RobotsRule {
  allow: boolean;
  path: string;
}

export interface RobotsGroup {
  agents: string[];
  rules: RobotsRule[];
  /** Seconds to wait between two requests to the host (`Crawl-delay`), when the group gives one. */
  crawlDelay?: number;
}

/** A Crawl-delay above this many seconds is capped: a feed polled every 15 minutes must still be read. */
export const MAX_CRAWL_DELAY_S = 60;

export interface Robots {
  groups: RobotsGroup[];
}

export function parseRobots(text: string): Robots {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
    } else if (key === 'allow' || key === 'disallow') {
      lastWasAgent = false;
      if (!current) continue;
      // An empty Disallow allows everything: no rule needed.
      if (value === '') continue;
      current.rules.push({ allow: key === 'allow', path: value });
    } else {
      lastWasAgent = false; // sitemap, crawl-delay …: not rules, but they end a run of user-agent lines
      const seconds = Number(value);
      if (key === 'crawl-delay' && current && value !== '' && Number.isFinite(seconds) && seconds >= 0) current.crawlDelay = Math.min(seconds, MAX_CRAWL_DELAY_S);
    }
  }
  return { groups };
}

function ruleRegex(path: string): RegExp {
  const anchored = path.endsWith('$');
  const body = (anchored ? path.slice(0, -1) : path)
    .split('*')
    .map((part) => normalise(part).replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp('^' + body + (anchored ? '$' : ''));
}

/** Percent-encodings compared in upper case; unreserved characters decoded. */
function normalise(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
}

/** The groups that apply to `agent`: those naming its token, else the `*` groups, else none. */
function groupsFor(robots: Robots, agent: string): RobotsGroup[] {
  const token = agent.toLowerCase();
  const named = robots.groups.filter((g) => g.agents.some((a) => a !== '*' && (a === token || a.split('/')[0] === token)));
  return named.length > 0 ? named : robots.groups.filter((g) => g.agents.includes('*'));
}

/** Whether `agent` (a product token such as `herodotus`) may fetch `pathAndQuery` (e.g. `/news/1?x=2`). */
export function isAllowed(robots: Robots, agent: string, pathAndQuery: string): boolean {
  const chosen = groupsFor(robots, agent);
  if (chosen.length === 0) return true;
  const target = normalise(pathAndQuery);
  if (target === '/robots.txt') return true;
  let best: RobotsRule | null = null;
  for (const rule of chosen.flatMap((g) => g.rules)) {
    if (!ruleRegex(rule.path).test(target)) continue;
    if (!best || rule.path.length > best.path.length || (rule.path.length === best.path.length && rule.allow && !best.allow)) best = rule;
  }
  return best ? best.allow : true;
}

/** The Crawl-delay in seconds that applies to `agent` (the largest of its groups'), or undefined. */
export function crawlDelay(robots: Robots, agent: string): number | undefined {
  let delay: number | undefined;
  for (const g of groupsFor(robots, agent)) if (g.crawlDelay !== undefined) delay = Math.max(delay ?? 0, g.crawlDelay);
  return delay;
}

/** Everything allowed (robots.txt missing: 4xx) or nothing (robots.txt unreachable: 5xx, network error). */
export const ALLOW_ALL: Robots = { groups: [] };
export const DISALLOW_ALL: Robots = { groups: [{ agents: ['*'], rules: [{ allow: false, path: '/' }] }] };
