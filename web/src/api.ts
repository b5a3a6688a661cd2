/** Requests to the Herodotus HTTP API (same origin), with the filters every view shares. */

/** The filters of GET /events, shared by every view (all optional). */
export interface Filters {
  search?: string;
  from?: string;
  to?: string;
  actor?: string;
  country?: string;
  cameo?: string;
  quadClass?: string;
  place?: string;
  minMentions?: string;
}

export const FILTER_NAMES: ReadonlyArray<keyof Filters> = ['search', 'from', 'to', 'actor', 'country', 'cameo', 'quadClass', 'place', 'minMentions'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** `?name=value&…` of the filters that are set and the extra parameters. */
export function queryString(filters: Filters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filters[name]?.trim();
    if (value) params.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) params.set(name, value);
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function answer<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  if (!response.ok) {
    const e = body as { message?: string; field?: string } | null;
    throw new ApiError(response.status, e?.message ?? `HTTP ${response.status}`, e?.field);
  }
  return body as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: { accept: 'application/json' } }));
}

/** A POST with the API key (as a Bearer token) when one is given. */
export async function postJson<T>(path: string, body: unknown, apiKey: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  return answer<T>(await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) }));
}
