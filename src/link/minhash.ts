/**
 * Syndicated copies of one wire story: near-duplicate texts found by word shingles and MinHash, with
 * locality-sensitive hashing (bands) to find candidates without comparing every pair. Pure functions.
 *
 * Reprints are often trimmed or re-headlined, so the test is containment — the share of the shorter
 * text's shingles found in the longer — estimated from the MinHash Jaccard and the two shingle counts:
 * |A∩B| = J (|A| + |B|) / (1 + J). Two documents are copies when that containment is at least
 * SYNDICATION_CONTAINMENT and they share a band. The relation is symmetric and depends only on the two
 * texts, so groups (its connected components) never depend on arrival order.
 */
export const SHINGLE_WORDS = 4;
export const BANDS = 21;
export const ROWS = 3;
export const HASHES = BANDS * ROWS;
/** Containment needed to call two texts copies of one story. */
export const SYNDICATION_CONTAINMENT = 0.7;
/** Texts with fewer shingles than this are never called copies (too little text to tell). */
export const MIN_SHINGLES = 12;

export interface TextSignature {
  shingles: number;
  /** HASHES minimum hash values (unsigned 32-bit). */
  minhash: Uint32Array;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** murmur3's 32-bit finalizer: a cheap permutation of 32-bit values. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 * (i + 1)));

/** Lowercased words (letters and digits), punctuation and layout ignored. */
export function words(text: string): string[] {
  return text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function signature(text: string): TextSignature {
  const w = words(text);
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) shingles.add(fnv1a(w.slice(i, i + SHINGLE_WORDS).join(' ')));
  const minhash = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of shingles) {
    for (let k = 0; k < HASHES; k++) {
      const v = mix(s ^ SEEDS[k]);
      if (v < minhash[k]) minhash[k] = v;
    }
  }
  return { shingles: shingles.size, minhash };
}

/** One hash per band (band index mixed in), as signed 32-bit integers for storage. */
export function bandHashes(sig: TextSignature): number[] {
  if (sig.shingles < MIN_SHINGLES) return [];
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = mix(b + 1);
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig.minhash[b * ROWS + r]);
    out.push(h | 0);
  }
  return out;
}

export function estimatedJaccard(a: TextSignature, b: TextSignature): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a.minhash[k] === b.minhash[k]) same++;
  return same / HASHES;
}

/** Estimated share of the smaller text's shingles that the other text has. */
export function containment(a: TextSignature, b: TextSignature): number {
  const j = estimatedJaccard(a, b);
  const smaller = Math.min(a.shingles, b.shingles);
  if (smaller === 0) return 0;
  return Math.min(1, (j * (a.shingles + b.shingles)) / (1 + j) / smaller);
}

export function isCopy(a: TextSignature, b: TextSignature): boolean {
  if (a.shingles < MIN_SHINGLES || b.shingles < MIN_SHINGLES) return false;
  const ba = new Set(bandHashes(a));
  if (!bandHashes(b).some((h) => ba.has(h))) return false;
  return containment(a, b) >= SYNDICATION_CONTAINMENT;
}

export function encodeSignature(sig: TextSignature): Buffer {
  return Buffer.from(sig.minhash.buffer, sig.minhash.byteOffset, sig.minhash.byteLength);
}

export function decodeSignature(shingles: number, blob: Buffer): TextSignature {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return { shingles, minhash: new Uint32Array(copy.buffer) };
}
