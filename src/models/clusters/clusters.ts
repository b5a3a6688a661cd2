/**
 * Word clusters: every word of a large news-and-encyclopedia vocabulary mapped to a cluster of words used alike
 * (k-means over GloVe vectors, see train.ts), at three granularities — fine, mid and coarse, each a grouping of
 * the one below, like the prefixes of Brown clusters. The tagger-side models read them as features, so a word the
 * annotated corpora never saw ("Bárcena", "deportations") still shares statistics with words that they did.
 *
 * Lookup is on the lower-cased form. The shipped table (models/word-clusters.bin) holds no strings: a word is
 * found by two independent 32-bit hashes of its lower-cased form in an open-addressing table.
 *
 * Bytes: "HWCL", u32 version (1), u32 entries, u32 fine k, u32 mid k, u32 coarse k, entries × u32 hash 1,
 * entries × u32 hash 2, entries × u16 fine cluster, fine k × u16 mid cluster, fine k × u16 coarse cluster.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hashString } from '../perceptron.js';

export const CLUSTERS_FILE = 'word-clusters.bin';
const MAGIC = 0x4c435748; // "HWCL" little-endian
const VERSION = 1;
const H2_SEED = 0x1b873593;

/** The three cluster ids of one word; NO_CLUSTER (−1) in each for a word outside the vocabulary. */
export const NO_CLUSTER = -1;

export function wordHashes(lower: string): [number, number] {
  return [hashString(lower), hashString(lower, H2_SEED)];
}

export interface ClusterTableData {
  h1: Uint32Array;
  h2: Uint32Array;
  fine: Uint16Array;
  fineToMid: Uint16Array;
  fineToCoarse: Uint16Array;
  midK: number;
  coarseK: number;
}

export function encodeClusters(data: ClusterTableData): Buffer {
  const n = data.h1.length;
  const k = data.fineToMid.length;
  const bytes = 24 + n * 10 + (n % 2 ? 2 : 0) + k * 4;
  const buf = Buffer.alloc(bytes);
  const header = [MAGIC, VERSION, n, k, data.midK, data.coarseK];
  header.forEach((v, i) => buf.writeUInt32LE(v, i * 4));
  let o = 24;
  for (let i = 0; i < n; i++, o += 4) buf.writeUInt32LE(data.h1[i], o);
  for (let i = 0; i < n; i++, o += 4) buf.writeUInt32LE(data.h2[i], o);
  for (let i = 0; i < n; i++, o += 2) buf.writeUInt16LE(data.fine[i], o);
  if (n % 2) o += 2;
  for (let i = 0; i < k; i++, o += 2) buf.writeUInt16LE(data.fineToMid[i], o);
  for (let i = 0; i < k; i++, o += 2) buf.writeUInt16LE(data.fineToCoarse[i], o);
  return buf;
}

export class WordClusters {
  readonly size: number;
  readonly fineK: number;
  readonly midK: number;
  readonly coarseK: number;
  private readonly mask: number;
  /** Open-addressing table: slot → entry index + 1 (0 = empty). */
  private readonly slots: Int32Array;
  private readonly h1: Uint32Array;
  private readonly h2: Uint32Array;
  private readonly fine: Uint16Array;
  private readonly fineToMid: Uint16Array;
  private readonly fineToCoarse: Uint16Array;

  private constructor(data: ClusterTableData) {
    this.h1 = data.h1;
    this.h2 = data.h2;
    this.fine = data.fine;
    this.fineToMid = data.fineToMid;
    this.fineToCoarse = data.fineToCoarse;
    this.size = data.h1.length;
    this.fineK = data.fineToMid.length;
    this.midK = data.midK;
    this.coarseK = data.coarseK;
    let cap = 1;
    while (cap < this.size * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap);
    for (let i = 0; i < this.size; i++) {
      let s = this.h1[i] & this.mask;
      while (this.slots[s] !== 0) s = (s + 1) & this.mask;
      this.slots[s] = i + 1;
    }
  }

  static fromData(data: ClusterTableData): WordClusters {
    return new WordClusters(data);
  }

  static fromBytes(bytes: Uint8Array): WordClusters {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < 24 || view.getUint32(0, true) !== MAGIC) throw new Error('word clusters: not a word-clusters file');
    const version = view.getUint32(4, true);
    if (version !== VERSION) throw new Error(`word clusters: unsupported version ${version}`);
    const n = view.getUint32(8, true);
    const k = view.getUint32(12, true);
    const expected = 24 + n * 10 + (n % 2 ? 2 : 0) + k * 4;
    if (bytes.byteLength !== expected) throw new Error(`word clusters: ${bytes.byteLength} bytes, expected ${expected}`);
    // Copy into aligned arrays (a Buffer from readFileSync may sit at any offset of a shared pool).
    const copy = bytes.slice(24);
    const at = (offset: number, count: number, width: 2 | 4) =>
      width === 4 ? new Uint32Array(copy.buffer, copy.byteOffset + offset, count) : new Uint16Array(copy.buffer, copy.byteOffset + offset, count);
    let o = 0;
    const h1 = at(o, n, 4) as Uint32Array;
    o += n * 4;
    const h2 = at(o, n, 4) as Uint32Array;
    o += n * 4;
    const fine = at(o, n, 2) as Uint16Array;
    o += n * 2 + (n % 2 ? 2 : 0);
    const fineToMid = at(o, k, 2) as Uint16Array;
    o += k * 2;
    const fineToCoarse = at(o, k, 2) as Uint16Array;
    return new WordClusters({ h1, h2, fine, fineToMid, fineToCoarse, midK: view.getUint32(16, true), coarseK: view.getUint32(20, true) });
  }

  /** The fine cluster of a lower-cased word, or NO_CLUSTER. */
  fineOf(lower: string): number {
    const a = hashString(lower);
    let s = a & this.mask;
    for (;;) {
      const e = this.slots[s];
      if (e === 0) return NO_CLUSTER;
      if (this.h1[e - 1] === a && this.h2[e - 1] === hashString(lower, H2_SEED)) return this.fine[e - 1];
      s = (s + 1) & this.mask;
    }
  }

  midOf(fine: number): number {
    return fine < 0 ? NO_CLUSTER : this.fineToMid[fine];
  }

  coarseOf(fine: number): number {
    return fine < 0 ? NO_CLUSTER : this.fineToCoarse[fine];
  }
}

const loaded = new Map<string, WordClusters>();

/** models/word-clusters.bin of a models folder, read once per process and shared by every model that uses it. */
export function loadWordClusters(modelsDir: string): WordClusters {
  const path = resolve(modelsDir, CLUSTERS_FILE);
  let clusters = loaded.get(path);
  if (clusters === undefined) {
    try {
      clusters = WordClusters.fromBytes(readFileSync(path));
    } catch (error) {
      throw new Error(`word clusters: cannot read ${path}: ${(error as Error).message} (npm run train -- clusters makes it)`);
    }
    loaded.set(path, clusters);
  }
  return clusters;
}
