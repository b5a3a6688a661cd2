/** Client time limits of the HTTP API, apart from the server so the command line can show them without loading Fastify. */

/** How long a client may take; a request still arriving past these is cut off (408, or the socket closed). */
export interface ApiTimeouts {
  /** The whole request (headers and body) must arrive within this many ms. */
  requestMs: number;
  /** The headers must arrive within this many ms (at most requestMs). */
  headersMs: number;
  /** A connection with no traffic either way for this many ms is closed. */
  idleMs: number;
  /** An idle keep-alive connection is closed after this many ms. */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: ApiTimeouts = { requestMs: 30_000, headersMs: 10_000, idleMs: 60_000, keepAliveMs: 5_000 };
