/**
 * The store interface. SQLite implements it now; a PostgreSQL adapter will implement the same
 * interface (and pass the same conformance tests) later. Methods are async for that reason.
 */
import type { CodedDocument } from '../core/contract.js';

export interface DocumentProvenance {
  /** sha256 of the document text: the identity used for idempotent ingest. */
  contentHash: string;
  /** Where it came from (path, path:line, url). */
  origin?: string;
}

export type SaveOutcome =
  | { stored: true; documentKey: number; events: number }
  | { stored: false; reason: 'duplicate-hash' | 'duplicate-url'; existingId: string };

export interface EventQuery {
  /** Inclusive ISO dates (YYYY-MM-DD, or a prefix such as 2024-01). */
  from?: string;
  to?: string;
  /** ISO 3166-1 alpha-3 code matched against source, target and place countries. */
  country?: string;
  /** Matched against source and target codes and names (substring, case-insensitive). */
  actor?: string;
  /** CAMEO code prefix, e.g. 04 or 043. */
  cameo?: string;
  limit?: number;
}

export interface StoredEvent {
  documentId: string;
  eventId: string;
  date: string;
  datePrecision: string;
  sourceCode: string | null;
  sourceName: string | null;
  targetCode: string | null;
  targetName: string | null;
  cameo: string;
  quadClass: number;
  goldstein: number;
  plover: string;
  placeName: string | null;
  placeCountry: string | null;
  trigger: string;
  rule: string;
  confidence: number;
}

export interface StoreStats {
  documents: number;
  events: number;
  entities: number;
  actors: number;
  actorRoles: number;
}

/** A role a story stated for a person, as the actor store keeps it. */
export interface ActorRoleRecord {
  name: string;
  country: string;
  sectors: string[];
  title?: string;
  documentId: string;
  /** Publication date of the story (ISO 8601). */
  published: string;
  evidence: string;
}

/** One person's roles over time, as `herodotus actors` lists them: one row per distinct role. */
export interface ActorSummary {
  name: string;
  country: string;
  sectors: string[];
  title?: string;
  firstSeen: string;
  lastSeen: string;
  documents: number;
  /** The sentence of the latest story stating the role, and that story's id. */
  evidence: string;
  documentId: string;
}

/** A stored document with its storage key and the time it was stored, as exports read them. */
export interface StoredDocument {
  /** Storage order; stable for the life of the document (exports derive integer event ids from it). */
  key: number;
  /** When the document was stored (ISO 8601 date-time, UTC). */
  storedAt: string;
  coded: CodedDocument;
}

export interface DocumentPageQuery {
  /** Only documents with a larger key (keyset pagination: pass the last key of the previous page). */
  afterKey?: number;
  limit: number;
  /** Only documents stored at or before this ISO date or date-time (a date means the whole day). */
  asOf?: string;
}

export interface Store {
  /** The id of a stored document with this content hash or URL, if any. */
  findDocument(contentHash: string, url?: string): Promise<string | null>;
  /** Saves documents with all their layers in one transaction; duplicates are reported, not stored. */
  saveDocuments(batch: ReadonlyArray<{ coded: CodedDocument; provenance: DocumentProvenance }>): Promise<SaveOutcome[]>;
  /** A stored document's output-contract object. */
  getDocument(id: string): Promise<CodedDocument | null>;
  events(query?: EventQuery): Promise<StoredEvent[]>;
  /** Every role learned from stories (for the actor memory of a coding run), oldest first. */
  actorRoles(): Promise<ActorRoleRecord[]>;
  /** Roles grouped per person and role, with first/last seen dates; `name` filters by substring. */
  actorSummaries(query?: { name?: string }): Promise<ActorSummary[]>;
  /** Stored documents published after `after` whose text contains one of `words` (candidates for re-coding). */
  documentsMentioning(words: readonly string[], after: string): Promise<Array<{ id: string; published: string; text: string; coded: CodedDocument }>>;
  /** Replaces a stored document's coding (all layers) in one transaction; the text and identity stay. */
  replaceCoding(id: string, coded: CodedDocument): Promise<void>;
  /** Stored documents in storage order, one page at a time, for streaming exports (memory stays bounded). */
  documentPage(query: DocumentPageQuery): Promise<StoredDocument[]>;
  /** How many documents are stored (at or before `asOf`, as in `documentPage`). */
  countDocuments(query?: { asOf?: string }): Promise<number>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

export type StoreErrorCode = 'NOT_SQLITE' | 'NOT_HERODOTUS' | 'LOCKED' | 'NEWER_SCHEMA' | 'UNREADABLE';

/** An expected failure opening or using a store, with a message fit for a user. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}
