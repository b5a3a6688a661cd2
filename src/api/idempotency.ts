/**
 * Idempotency-Key support for writes: the first response to a key is kept (24 hours, at most `capacity`
 * keys) and returned again, unchanged, to a retry with the same key and the same body. The same key with
 * another body is refused (422); a retry that arrives while the first request is still running gets 409.
 *
 * Kept in memory: a restarted server forgets keys, but POST /documents stays idempotent across restarts
 * anyway (a document already stored, by content hash or URL, is reported as such and not stored twice).
 */
import { createHash } from 'node:crypto';

export interface KeptResponse {
  fingerprint: string;
  status: number;
  body: unknown;
  at: number;
}

export type IdempotencyCheck = { kind: 'new' } | { kind: 'replay'; response: KeptResponse } | { kind: 'mismatch' } | { kind: 'in-flight' };

export class IdempotencyCache {
  private readonly kept = new Map<string, KeptResponse>();
  private readonly running = new Map<string, string>();

  constructor(
    private readonly capacity = 10_000,
    private readonly ttlMs = 24 * 3600 * 1000,
  ) {}

  static fingerprint(body: unknown): string {
    return createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
  }

  /** Looks the key up; a new key is marked as running until `finish` or `abandon`. */
  begin(key: string, fingerprint: string, now = Date.now()): IdempotencyCheck {
    const kept = this.kept.get(key);
    if (kept && now - kept.at > this.ttlMs) this.kept.delete(key);
    else if (kept) return kept.fingerprint === fingerprint ? { kind: 'replay', response: kept } : { kind: 'mismatch' };
    const running = this.running.get(key);
    if (running !== undefined) return running === fingerprint ? { kind: 'in-flight' } : { kind: 'mismatch' };
    this.running.set(key, fingerprint);
    return { kind: 'new' };
  }

  finish(key: string, response: Omit<KeptResponse, 'at'>, now = Date.now()): void {
    this.running.delete(key);
    this.kept.set(key, { ...response, at: now });
    while (this.kept.size > this.capacity) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.kept.delete(oldest);
    }
  }

  /** The request failed without a response worth repeating (a server error): a retry may run again. */
  abandon(key: string): void {
    this.running.delete(key);
  }
}
