/**
 * The as-of view both adapters give: the clusters (and their mentions) as they stood at a past moment,
 * computed from what the store kept — the documents stored by then, each in the coding it had then, and
 * their syndication signatures. Clustering is a function of the set of mentions, so linking them again with
 * the current linker gives what incremental linking had built. Pure: the adapter reads, this computes.
 */
import type { CodedDocument } from '../core/contract.js';
import { clusterMatches } from '../link/aggregate.js';
import { clusterAll } from '../link/linker.js';
import { mentionsOfDocument, type LinkMention } from '../link/mention.js';
import { bandHashes, isCopy, type TextSignature } from '../link/minhash.js';
import { outletOf, storyOrder } from './rows.js';
import type { ClusterMention, ClusterQuery, EventCluster } from './store.js';

/** One document as it stood at the as-of moment, in the coding it had then. */
export interface AsOfDocument {
  key: number;
  id: string;
  published: string | null;
  source: string | null;
  url: string | null;
  storedAt: string;
  contentHash: string;
  coded: CodedDocument;
  coderKey: number | null;
}

export interface AsOfSnapshot {
  /** The documents stored by then that had a coding then, in storage (key) order. */
  documents: readonly AsOfDocument[];
  /** Syndication signatures by document key (documents without one have none). */
  signatures: ReadonlyMap<number, TextSignature>;
  /** Coder fingerprints by coder key. */
  fingerprints: ReadonlyMap<number, string>;
}

/** Syndication groups among the snapshot's documents: document key → story id and the outlet it counts as. */
function storiesOf(documents: readonly AsOfDocument[], signatures: ReadonlyMap<number, TextSignature>): Map<number, { story: string; outlet: string }> {
  const parent = new Map<number, number>();
  const find = (k: number): number => {
    let r = k;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r) as number;
    return r;
  };
  const byBand = new Map<number, number[]>();
  for (const [k, sig] of signatures) for (const b of new Set(bandHashes(sig))) byBand.set(b, [...(byBand.get(b) ?? []), k]);
  for (const list of byBand.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = find(list[i]);
        const b = find(list[j]);
        if (a !== b && isCopy(signatures.get(list[i]) as TextSignature, signatures.get(list[j]) as TextSignature)) parent.set(Math.max(a, b), Math.min(a, b));
      }
    }
  }
  const byKey = new Map(documents.map((d) => [d.key, d] as const));
  const groups = new Map<number, number[]>();
  for (const d of documents) groups.set(find(d.key), [...(groups.get(find(d.key)) ?? []), d.key]);
  const out = new Map<number, { story: string; outlet: string }>();
  for (const members of groups.values()) {
    const sorted = members.map((k) => byKey.get(k) as AsOfDocument).sort((a, b) => storyOrder({ ...a, hash: a.contentHash }, { ...b, hash: b.contentHash }));
    const original = sorted[0];
    const story = { story: original.id, outlet: outletOf(original) };
    for (const k of members) out.set(k, story);
  }
  return out;
}

/** The clusters matching `query` as they stood, in listing order and paged; with `withMentions`, their mentions by cluster id. */
export function asOfView(snapshot: AsOfSnapshot, query: ClusterQuery, withMentions: boolean): { clusters: EventCluster[]; mentions: Map<string, ClusterMention[]> } {
  const { documents, signatures, fingerprints } = snapshot;
  const docByKey = new Map(documents.map((d) => [d.key, d] as const));
  const mentions: LinkMention[] = [];
  const info = new Map<string, { mention: LinkMention; docKey: number; eventIndex: number; evidence: string; mode: string | null; contexts: string[] }>();
  const seenIds = new Set<string>();
  for (const d of documents) {
    // Mention ids as the store gives them: a second document with an id already used gets its content hash added.
    const prefix = seenIds.has(d.id) ? `${d.id}@${d.contentHash.slice(0, 8)}` : d.id;
    seenIds.add(d.id);
    mentionsOfDocument(d.coded).forEach((x, i) => {
      const m = { ...x.mention, id: `${prefix}#${x.eventId}` };
      mentions.push(m);
      info.set(m.id, { mention: m, docKey: d.key, eventIndex: i, evidence: x.evidence, mode: x.mode, contexts: x.contexts });
    });
  }
  const storyOf = storiesOf(documents, signatures);
  const out: EventCluster[] = [];
  const mentionsOf = new Map<string, ClusterMention[]>();
  for (const c of clusterAll(mentions)) {
    const rep = info.get(c.representative);
    if (!rep) continue;
    const ev = (docByKey.get(rep.docKey) as AsOfDocument).coded.events[rep.eventIndex];
    const members = c.members.map((id) => info.get(id)).filter((x): x is NonNullable<typeof x> => x !== undefined);
    const seen = members.map((m) => docByKey.get(m.docKey)).map((d) => d?.published ?? d?.storedAt ?? '');
    const cluster: EventCluster = {
      id: c.id,
      cameo: { ...ev.cameo },
      plover: { type: ev.plover.type, ...(rep.mode ? { mode: rep.mode } : {}), contexts: [...new Set(members.flatMap((m) => m.contexts))].sort() },
      source: ev.source ? { code: ev.source.code, ...(ev.source.name ? { name: ev.source.name } : {}) } : null,
      target: ev.target ? { code: ev.target.code, ...(ev.target.name ? { name: ev.target.name } : {}) } : null,
      date: { value: ev.date.value, precision: ev.date.precision },
      place: ev.place ? { name: ev.place.name, country: ev.place.country, lat: ev.place.lat, lon: ev.place.lon } : null,
      modality: { ...ev.modality },
      numMentions: members.length,
      numSources: new Set(members.map((m) => storyOf.get(m.docKey)?.outlet)).size,
      // A syndicated reprint and its original are one article (the issue: "a reprint counts once").
      numArticles: new Set(members.map((m) => storyOf.get(m.docKey)?.story ?? `doc:${m.docKey}`)).size,
      numStories: new Set(members.map((m) => storyOf.get(m.docKey)?.story)).size,
      firstSeen: seen.reduce((a, b) => (b < a ? b : a)),
      lastSeen: seen.reduce((a, b) => (b > a ? b : a)),
      representative: { documentId: rep.mention.documentId, eventId: ev.id, evidence: rep.evidence },
    };
    if (!clusterMatches(cluster, query, members.map((m) => m.evidence))) continue;
    out.push(cluster);
    if (withMentions) {
      const decision = new Map(c.decisions.map((x) => [x.mention, x] as const));
      const list = members.map((m): ClusterMention & { rep: boolean } => {
        const d = docByKey.get(m.docKey) as AsOfDocument;
        const e = d.coded.events[m.eventIndex];
        const story = storyOf.get(m.docKey);
        const x = decision.get(m.mention.id);
        return {
          clusterId: c.id,
          mentionId: m.mention.id,
          documentId: d.id,
          eventId: e.id,
          sentence: e.sentence,
          evidence: m.evidence,
          published: d.published,
          outlet: d.source,
          countedOutlet: story?.outlet ?? '',
          story: story?.story ?? d.id,
          copyOf: story && story.story !== d.id ? story.story : null,
          cameo: e.cameo.code,
          sourceCode: e.source?.code ?? null,
          targetCode: e.target?.code ?? null,
          date: e.date.value,
          datePrecision: e.date.precision,
          dateBasis: e.date.basis,
          placeName: e.place?.name ?? null,
          partner: x?.partner ?? null,
          score: x?.score ?? 1,
          reason: x?.reason ?? '',
          coder: d.coderKey !== null ? (fingerprints.get(d.coderKey) ?? null) : null,
          rule: e.rule,
          storedAt: d.storedAt,
          rep: m.mention.id === c.representative,
        };
      });
      list.sort((a, b) => Number(b.rep) - Number(a.rep) || (a.published ?? '').localeCompare(b.published ?? '') || (a.mentionId < b.mentionId ? -1 : a.mentionId > b.mentionId ? 1 : 0));
      mentionsOf.set(
        c.id,
        list.map(({ rep, ...r }) => {
          void rep;
          return r;
        }),
      );
    }
  }
  out.sort((a, b) => a.date.value.localeCompare(b.date.value) || (a.id < b.id ? -1 : 1));
  const { after } = query;
  const paged = after ? out.filter((c) => c.date.value > after.date || (c.date.value === after.date && c.id > after.id)) : out;
  return { clusters: query.limit && query.limit > 0 ? paged.slice(0, query.limit) : paged, mentions: mentionsOf };
}
