/**
 * Pseudo-projectivisation by lifting (Nivre & Nilsson 2005, without label encoding): while the tree has
 * a non-projective arc, the shortest one h → d is replaced by head(h) → d. Labels are left unchanged,
 * so a parser trained on the result simply cannot produce the crossing arcs.
 */

/** True when some word strictly between h and d is not a descendant of h. heads: 1-based, 0 = root. */
function isNonProjective(heads: ArrayLike<number>, d: number): boolean {
  const h = heads[d - 1];
  const lo = Math.min(h, d);
  const hi = Math.max(h, d);
  for (let k = lo + 1; k < hi; k++) {
    let a = k;
    let guard = 0;
    while (a !== h && a !== 0 && guard++ <= heads.length) a = heads[a - 1];
    if (a !== h) return true;
  }
  return false;
}

export function isProjective(heads: ArrayLike<number>): boolean {
  for (let d = 1; d <= heads.length; d++) if (isNonProjective(heads, d)) return false;
  return true;
}

/**
 * Returns projective heads (1-based, 0 = root) obtained by lifting, or null when lifting would give the
 * root a second dependent (such sentences are left out of training).
 */
export function projectivize(heads: readonly number[]): number[] | null {
  const out = heads.slice();
  for (let iter = 0; iter < out.length * out.length + 1; iter++) {
    let bestD = -1;
    let bestLen = Infinity;
    for (let d = 1; d <= out.length; d++) {
      const len = Math.abs(out[d - 1] - d);
      if (len < bestLen && isNonProjective(out, d)) {
        bestLen = len;
        bestD = d;
      }
    }
    if (bestD < 0) return out;
    const h = out[bestD - 1];
    const hh = out[h - 1];
    if (hh === 0) return null;
    out[bestD - 1] = hh;
  }
  return null;
}
