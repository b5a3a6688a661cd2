/**
 * robots.txt (RFC 9309): groups of user-agent lines with Allow/Disallow rules. Our group is the one naming
 * our product token (case-insensitive), else the `*` group, else everything is allowed. The longest
 * matching rule wins; on a tie Allow wins. `*` matches any run of characters and `$` anchors the end.
 */

export interface RobotsRule {
  allow: boolean;
  path: string;
}

export interface RobotsGroup {
  agents: string[];
  rules: RobotsRule[];
}

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

/** Whether `agent` (a product token such as `herodotus`) may fetch `pathAndQuery` (e.g. `/news/1?x=2`). */
export function isAllowed(robots: Robots, agent: string, pathAndQuery: string): boolean {
  const token = agent.toLowerCase();
  let chosen = robots.groups.filter((g) => g.agents.some((a) => a !== '*' && (a === token || a.split('/')[0] === token)));
  if (chosen.length === 0) chosen = robots.groups.filter((g) => g.agents.includes('*'));
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

/** Everything allowed (robots.txt missing: 4xx) or nothing (robots.txt unreachable: 5xx, network error). */
export const ALLOW_ALL: Robots = { groups: [] };
export const DISALLOW_ALL: Robots = { groups: [{ agents: ['*'], rules: [{ allow: false, path: '/' }] }] };
