import { writeFileSync } from 'node:fs';
import type { ActorSummary, Store } from '../../store/store.js';
import { renderTable } from '../format/table.js';

/** `herodotus actors`: the actor store, one row per person and role, with first and last seen dates. */
export async function runActors(store: Store, options: { name?: string; format: 'table' | 'jsonl' | 'json'; export?: string }, write: (s: string) => void): Promise<number> {
  const rows = await store.actorSummaries(options.name ? { name: options.name } : {});
  if (options.export) {
    writeFileSync(options.export, actorDictionary(rows));
    return rows.length;
  }
  if (options.format === 'jsonl') for (const r of rows) write(JSON.stringify(r) + '\n');
  else if (options.format === 'json') write(JSON.stringify(rows, null, 2) + '\n');
  else if (rows.length === 0) write(`no actors${options.name ? ` matching "${options.name}"` : ''} learned yet\n`);
  else
    write(
      renderTable(rows, [
        { header: 'name', value: (r) => r.name, max: 30 },
        { header: 'code', value: (r) => `${r.country}${r.sectors[0] ?? ''}` },
        { header: 'sectors', value: (r) => r.sectors.join(',') },
        { header: 'title', value: (r) => r.title, max: 36 },
        { header: 'first seen', value: (r) => r.firstSeen.slice(0, 10) },
        { header: 'last seen', value: (r) => r.lastSeen.slice(0, 10) },
        { header: 'stories', value: (r) => r.documents, align: 'right' },
        { header: 'evidence', value: (r) => r.evidence, max: 60 },
      ]) + `\n${rows.length} role(s)\n`,
    );
  return rows.length;
}

const phrase = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '') + '_';
const yymmdd = (iso: string): string => iso.slice(0, 10).replace(/-/g, '');

/**
 * The store as a PETRARCH/TABARI actor dictionary: one entry per person, one dated code line per role
 * (from its first-seen date; a role ends where the next, different role begins). Edit it and load it
 * back with `--actors FILE`: imported entries take precedence over what the store would say.
 */
export function actorDictionary(rows: readonly ActorSummary[]): string {
  const byName = new Map<string, ActorSummary[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const lines = [
    '# Herodotus actor store, exported as a PETRARCH/TABARI actor dictionary.',
    '# One entry per person; each dated line is a role learned from the stories (first seen onwards).',
    '# Edit freely and load with: herodotus code|ingest --actors THIS_FILE',
    '',
  ];
  // A surname that only one exported person has is written as a synonym, as PETRARCH dictionaries do.
  const surnameCount = new Map<string, number>();
  const surnameOf = (name: string): string | undefined => {
    const parts = name.trim().split(/\s+/);
    return parts.length > 1 ? phrase(parts[parts.length - 1]) : undefined;
  };
  for (const name of byName.keys()) {
    const s = surnameOf(name);
    if (s) surnameCount.set(s, (surnameCount.get(s) ?? 0) + 1);
  }
  for (const [name, roles] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    roles.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
    lines.push(`${phrase(name)}  # ${name}`);
    const surname = surnameOf(name);
    if (surname && surnameCount.get(surname) === 1) lines.push(`+${surname}`);
    roles.forEach((r, i) => {
      const next = roles[i + 1];
      const range = next ? `${yymmdd(r.firstSeen)}-${yymmdd(next.firstSeen)}` : `>${yymmdd(r.firstSeen)}`;
      lines.push(`\t[${r.country}${r.sectors[0] ?? ''} ${range}]  # ${r.title ?? ''}; seen ${r.firstSeen.slice(0, 10)}…${r.lastSeen.slice(0, 10)} in ${r.documents} stor${r.documents === 1 ? 'y' : 'ies'}`);
    });
  }
  return lines.join('\n') + '\n';
}
