/**
 * Punctuation attachment by the Universal Dependencies guidelines, applied after parsing. A `punct` token has no
 * dependents and takes no part in the rest of the tree, so its head can be chosen from the rest: among the words
 * it may attach to without crossing an arc (the words on the path from its left neighbour up to the lowest common
 * ancestor of its two neighbours, those on the path from its right neighbour, and that ancestor), UD wants
 *  - sentence-final punctuation on the root;
 *  - a mark separating coordinated units on the following conjunct;
 *  - a mark before or after a subordinated unit (adverbial clause, apposition, relative clause, parataxis …) on
 *    that unit;
 *  - paired marks (quotes, brackets) on the head of what they enclose;
 *  - otherwise the highest of those words (their common ancestor).
 * The learned parser places punctuation by local cues and gets a fifth of it wrong; these rules read the whole
 * tree instead. Heads are 1-based (0 = root), as the parser returns them; `head` is changed in place.
 */

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '“': '”', '‘': '’', '"': '"', "'": "'", '``': "''", '-LRB-': '-RRB-' };
const CLOSERS = new Set(Object.values(OPENERS));

function base(rel: string): string {
  const colon = rel.indexOf(':');
  return colon < 0 ? rel : rel.slice(0, colon);
}

/** True for `punct` and its subtypes (`punct:…`). */
function isPunctRel(rel: string): boolean {
  return rel.startsWith('punct') && (rel.length === 5 || rel.charCodeAt(5) === 58);
}

/**
 * Re-attaches every childless `punct` token of one parsed sentence (heads 1-based, 0 = root). Runs once per parsed
 * sentence, so it works on typed arrays and token indices (no paths, sets or closures are built).
 */
export function attachPunctuation(words: readonly string[], head: number[], deprel: readonly string[]): void {
  const n = words.length;
  if (n < 2) return;
  const hasChild = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (head[i] > 0) hasChild[head[i] - 1] = 1;
  // Movable: a punct token without dependents. Such a token is never on another word's path to the root, so moving
  // one leaves every path below unchanged.
  const movable = new Uint8Array(n);
  let anyMovable = false;
  for (let i = 0; i < n; i++) {
    if (hasChild[i] === 0 && isPunctRel(deprel[i])) {
      movable[i] = 1;
      anyMovable = true;
    }
  }
  if (!anyMovable) return;
  let root = -1;
  for (let i = 0; i < n; i++) if (head[i] === 0) root = i;
  if (root < 0 || movable[root] === 1) return;

  // Span [lo, hi] of every word's subtree, movable punctuation left out, and every word's depth (the number of
  // words on its path to the root): one walk up from each word instead of one per question.
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  const depth = new Int32Array(n);
  for (let k = 0; k < n; k++) lo[k] = hi[k] = k;
  for (let k = 0; k < n; k++) {
    const counts = movable[k] === 0;
    let steps = 0;
    for (let a = k; a >= 0 && steps <= n; a = head[a] - 1, steps++) {
      if (counts && k < lo[a]) lo[a] = k;
      if (counts && k > hi[a]) hi[a] = k;
    }
    depth[k] = steps;
  }

  // Paired marks first: an opener and its closer go on the head of what they enclose (pairHead: that head, or −1).
  const pairHead = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const close = OPENERS[words[i]];
    if (close === undefined || movable[i] === 0 || pairHead[i] >= 0) continue;
    let j = i + 1;
    while (j < n && !(words[j] === close && movable[j] === 1 && pairHead[j] < 0)) j++;
    if (j >= n || j === i + 1) continue;
    // The enclosed unit: the highest word between the marks whose subtree stays between them.
    let best = -1;
    for (let k = i + 1; k < j; k++) {
      if (movable[k] === 1) continue;
      if (lo[k] > i && hi[k] < j && (best < 0 || depth[k] < depth[best])) best = k;
    }
    if (best < 0) continue;
    // Only when the unit fills the whole space between the marks (otherwise the marks are not a pair here).
    let fills = true;
    for (let k = i + 1; k < j; k++) if (movable[k] === 0 && (k < lo[best] || k > hi[best])) fills = false;
    if (!fills) continue;
    pairHead[i] = best;
    pairHead[j] = best;
  }

  for (let i = 0; i < n; i++) {
    if (movable[i] === 0) continue;
    if (pairHead[i] >= 0) {
      head[i] = pairHead[i] + 1;
      continue;
    }
    if (OPENERS[words[i]] !== undefined || CLOSERS.has(words[i])) continue; // an unpaired quote or bracket: leave it
    let a = i - 1;
    while (a >= 0 && movable[a] === 1) a--;
    let b = i + 1;
    while (b < n && movable[b] === 1) b++;
    if (b >= n) continue; // sentence-final: UD puts it on the root, and the parser's choice of root already decided it
    if (a < 0) continue; // sentence-initial, not paired: leave it
    // The lowest common ancestor of a and b, and the words just below it on the path from each (−1 when a or b is
    // that ancestor itself): walk the deeper one up to the other's depth, then both together.
    let x = a;
    let y = b;
    let topLeft = -1;
    let topRight = -1;
    let dx = depth[a];
    let dy = depth[b];
    let guard = 2 * n + 2;
    while (x !== y && x >= 0 && y >= 0 && guard-- > 0) {
      if (dx >= dy) {
        topLeft = x;
        x = head[x] - 1;
        dx--;
      } else {
        topRight = y;
        y = head[y] - 1;
        dy--;
      }
    }
    if (x !== y || x < 0) continue;
    const lca = x;
    let chosen = lca;
    // A mark before a conjunct goes on that conjunct; otherwise on the phrase it sets off from their common head:
    // the one before it when the head comes later ("In Fallujah , hundreds … came"), the one after it when the head
    // came earlier ("They work on Wall Street , after all").
    if (topRight >= 0 && base(deprel[topRight]) === 'conj') chosen = topRight;
    else if (topLeft >= 0 && lca > i) chosen = topLeft;
    else if (topRight >= 0 && lca < i) chosen = topRight;
    head[i] = chosen + 1;
  }
}
