/**
 * Arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta 2011) with the root token at the
 * END of the buffer (Ballesteros & Nivre 2013), so that the only way to attach a word to the root is a
 * final LEFT from the root, which we allow only when the stack holds exactly one word. Every complete
 * transition sequence therefore yields a well-formed tree with exactly one root dependent.
 *
 * Words are 0-based indices 0..n-1; the root is index n. Stack items never have heads (a word gets its
 * head when it is popped), the buffer is always the contiguous range [b, n].
 *
 * Transitions:
 *   SHIFT  push b (not allowed when b is the root)
 *   LEFT   s0 ← b, pop s0 (when b is the root: only if the stack has exactly one item)
 *   RIGHT  s1 → s0, pop s0 (needs two stack items)
 */

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const N_TRANSITIONS = 3;

export class ArcHybridState {
  n = 0;
  /** Stack of word indices; stack[sp - 1] is s0. */
  stack: Int32Array;
  sp = 0;
  /** Front of the buffer (n = root). */
  b = 0;
  /** Assigned head per word (n = root, -1 = none yet). */
  heads: Int32Array;
  /** Assigned label id per word (-1 = none yet). */
  labels: Int32Array;
  /** Most recent / second most recent left and right dependents (closest-to-outermost order). */
  lc1: Int32Array;
  lc2: Int32Array;
  rc1: Int32Array;
  rc2: Int32Array;
  /** Number of left / right dependents. */
  nl: Int32Array;
  nr: Int32Array;
  /** Bit sets of the labels of left / right dependents (label id mod 32). */
  lset: Int32Array;
  rset: Int32Array;

  constructor(capacity = 64) {
    this.stack = new Int32Array(capacity + 1);
    this.heads = new Int32Array(capacity + 1);
    this.labels = new Int32Array(capacity + 1);
    this.lc1 = new Int32Array(capacity + 1);
    this.lc2 = new Int32Array(capacity + 1);
    this.rc1 = new Int32Array(capacity + 1);
    this.rc2 = new Int32Array(capacity + 1);
    this.nl = new Int32Array(capacity + 1);
    this.nr = new Int32Array(capacity + 1);
    this.lset = new Int32Array(capacity + 1);
    this.rset = new Int32Array(capacity + 1);
  }

  /** Resets to the initial configuration for a sentence of n words (grows the arrays when needed). */
  init(n: number): void {
    if (this.heads.length < n + 1) {
      const cap = Math.max(n + 1, this.heads.length * 2);
      this.stack = new Int32Array(cap);
      this.heads = new Int32Array(cap);
      this.labels = new Int32Array(cap);
      this.lc1 = new Int32Array(cap);
      this.lc2 = new Int32Array(cap);
      this.rc1 = new Int32Array(cap);
      this.rc2 = new Int32Array(cap);
      this.nl = new Int32Array(cap);
      this.nr = new Int32Array(cap);
      this.lset = new Int32Array(cap);
      this.rset = new Int32Array(cap);
    }
    this.n = n;
    this.sp = 0;
    this.b = 0;
    const m = n + 1;
    this.heads.fill(-1, 0, m);
    this.labels.fill(-1, 0, m);
    this.lc1.fill(-1, 0, m);
    this.lc2.fill(-1, 0, m);
    this.rc1.fill(-1, 0, m);
    this.rc2.fill(-1, 0, m);
    this.nl.fill(0, 0, m);
    this.nr.fill(0, 0, m);
    this.lset.fill(0, 0, m);
    this.rset.fill(0, 0, m);
  }

  isTerminal(): boolean {
    return this.sp === 0 && this.b === this.n;
  }

  canShift(): boolean {
    return this.b < this.n;
  }

  canLeft(): boolean {
    return this.sp > 0 && (this.b < this.n || this.sp === 1);
  }

  canRight(): boolean {
    return this.sp > 1;
  }

  valid(t: number): boolean {
    return t === SHIFT ? this.canShift() : t === LEFT ? this.canLeft() : this.canRight();
  }

  /** The (head, dependent) pair an arc transition would create. */
  arcHead(t: number): number {
    return t === LEFT ? this.b : this.stack[this.sp - 2];
  }

  arcDep(): number {
    return this.stack[this.sp - 1];
  }

  shift(): void {
    this.stack[this.sp++] = this.b++;
  }

  /** LEFT or RIGHT with a label id. */
  arc(t: number, label: number): void {
    const d = this.stack[--this.sp];
    if (t === LEFT) {
      const h = this.b;
      this.heads[d] = h;
      this.labels[d] = label;
      this.lc2[h] = this.lc1[h];
      this.lc1[h] = d;
      this.nl[h]++;
      this.lset[h] |= 1 << (label & 31);
    } else {
      const h = this.stack[this.sp - 1];
      this.heads[d] = h;
      this.labels[d] = label;
      this.rc2[h] = this.rc1[h];
      this.rc1[h] = d;
      this.nr[h]++;
      this.rset[h] |= 1 << (label & 31);
    }
  }
}

/**
 * The only valid transition when there is just one (empty stack → SHIFT; buffer holding only the
 * root → RIGHT, or LEFT for the last word), else −1. Such steps need no classifier.
 */
export function forcedTransition(s: ArcHybridState): number {
  if (s.sp === 0) return SHIFT;
  if (s.b === s.n) return s.sp === 1 ? LEFT : RIGHT;
  return -1;
}

/**
 * Dynamic oracle for the arc-hybrid system (Goldberg & Nivre 2013): the number of gold arcs that a
 * transition makes unreachable. Kept O(1) per transition with per-word counters of gold dependents
 * still in the buffer / on the stack. Gold heads use the parser's indexing (root = n) and must form a
 * projective tree for the costs to be exact.
 */
export class ArcHybridOracle {
  gold: Int32Array = new Int32Array(0);
  depsInBuffer: Int32Array = new Int32Array(0);
  depsInStack: Int32Array = new Int32Array(0);
  inStack: Uint8Array = new Uint8Array(0);

  init(gold: Int32Array, n: number): void {
    this.gold = gold;
    this.depsInBuffer = new Int32Array(n + 1);
    this.depsInStack = new Int32Array(n + 1);
    this.inStack = new Uint8Array(n + 1);
    for (let i = 0; i < n; i++) this.depsInBuffer[gold[i]]++;
  }

  cost(s: ArcHybridState, t: number): number {
    const g = this.gold;
    const b = s.b;
    if (t === SHIFT) {
      const h = g[b];
      const s0 = s.sp > 0 ? s.stack[s.sp - 1] : -1;
      return (h !== s0 && h < s.n && this.inStack[h] ? 1 : 0) + this.depsInStack[b];
    }
    const s0 = s.stack[s.sp - 1];
    const h = g[s0];
    if (t === LEFT) {
      const s1 = s.sp > 1 ? s.stack[s.sp - 2] : -1;
      return (h === s1 ? 1 : 0) + (h > b ? 1 : 0) + this.depsInBuffer[s0];
    }
    return (h >= b ? 1 : 0) + this.depsInBuffer[s0];
  }

  /** Call BEFORE applying transition t to s. */
  beforeApply(s: ArcHybridState, t: number): void {
    const g = this.gold;
    if (t === SHIFT) {
      const b = s.b;
      this.depsInBuffer[g[b]]--;
      this.depsInStack[g[b]]++;
      this.inStack[b] = 1;
    } else {
      const s0 = s.stack[s.sp - 1];
      this.depsInStack[g[s0]]--;
      this.inStack[s0] = 0;
    }
  }
}
