/**
 * One field of a run of tokens or tags, as the string arrays the models take. Plain loops rather than
 * `.slice().map((t) => t.norm)`: the `herodotus` process runs V8 without inlined array builtins (cli/v8-flags.ts), so a
 * callback created on every call is compiled on its own — and compiled again after every full garbage collection, which
 * drops optimised code no live function holds. These run once per sentence and stage.
 */
import type { PosTag, Token } from '../core/layers.js';

/** The normalised form of tokens [from, to). */
export function normsOf(tokens: readonly Token[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(tokens[i].norm);
  return out;
}

/** The UPOS of tags [from, to). */
export function uposOf(pos: readonly PosTag[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(pos[i].upos);
  return out;
}

/** The XPOS of tags [from, to). */
export function xposOf(pos: readonly PosTag[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(pos[i].xpos);
  return out;
}
