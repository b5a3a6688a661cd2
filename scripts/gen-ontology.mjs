#!/usr/bin/env node
// One-off generator for data/ontology/*.tsv from the reference files of the CAMEO and PLOVER projects.
// Not part of the build: the committed TSVs are the source of truth and are edited by hand from now on.
// Usage: node scripts/gen-ontology.mjs <reference-folder>   (the folder holding cameo/ and plover/)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ref = process.argv[2];
if (!ref) { console.error('usage: gen-ontology.mjs <reference-folder>'); process.exit(2); }
const out = new URL('../data/ontology/', import.meta.url).pathname;
const read = (p) => readFileSync(join(ref, p), 'utf8');

// Legacy Mac Roman curly quotes read as Latin-1 (“ → Ò, ” → Ó, ’ → Õ) and the U+FFFD runs left by an older decoding.
const repair = (s) => s.replace(/Ò\s*|Ó\s*/g, '"').replace(/Õ/g, "'").replace(/\uFFFD+/g, "'").replace(/\s+/g, ' ').trim();

function csv(text) {
  const rows = []; let row = []; let cell = ''; let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) { if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c; continue; }
    if (c === '"') q = true; else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  const [head, ...body] = rows;
  return body.filter((r) => r.length === head.length).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

// --- CAMEO codes: names from the ICEWS code list (it follows the CAMEO 1.1b3 manual); codes the manual adds
// (cyber, precision-guided and remotely piloted munitions) from chapter 6; Goldstein from GDELT, else ICEWS, else the parent.
const icews = csv(read('cameo/icews_cameo-codes.csv'));
const names = new Map(icews.map((r) => [r.code, repair(r.name)]));
const icewsGold = new Map(icews.map((r) => [r.code, Number(r.goldstein)]));
for (const line of read('cameo/cameo_manual_1.1b3/chapter_6_cameo_event_codes.md').split('\n')) {
  const m = /^(?:## |- )?(\d{2,4}): (.+)$/.exec(line.trim());
  if (!m || m[1] === '1883') continue; // "1883" is a typo for 183 in the manual's text
  if (!names.has(m[1])) names.set(m[1], repair(m[2]).replace(/, not specified below$/, ''));
}
const gdeltGold = new Map();
for (const line of read('cameo/gdelt_CAMEO.goldsteinscale.txt').split(/\r?\n/).slice(1)) {
  const [code, value] = line.split('\t');
  if (code && value) gdeltGold.set(code.trim(), Number(value));
}
const gdeltNames = new Map();
for (const line of read('cameo/gdelt_CAMEO.eventcodes.txt').split(/\r?\n/).slice(1)) {
  const [code, name] = line.split('\t');
  if (code && name) gdeltNames.set(code.trim(), repair(name));
}
const codes = [...names.keys()].sort((a, b) => a.localeCompare(b));
const quad = (root) => { const r = Number(root); return r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4; };
const rows = [];
const goldOf = new Map();
for (const code of codes) {
  let g; let basis;
  if (gdeltGold.has(code)) { g = gdeltGold.get(code); basis = 'gdelt'; }
  else if (icewsGold.has(code)) { g = icewsGold.get(code); basis = 'icews'; }
  else { const parent = goldOf.get(code.slice(0, 3)) ?? goldOf.get(code.slice(0, 2)); g = parent; basis = `parent ${code.length === 4 ? code.slice(0, 3) : code.slice(0, 2)}`; }
  goldOf.set(code, g);
  const root = code.slice(0, 2);
  let name = names.get(code);
  if (code === '044') name = 'Meet at a "third" location';
  rows.push([code, root, String(quad(root)), g.toFixed(1), basis, name]);
}
writeFileSync(join(out, 'cameo-codes.tsv'), [
  '# CAMEO event codes (CAMEO 1.1b3), one per line: code, root (cue category), QuadClass, Goldstein value, where the',
  '# Goldstein value comes from, name. QuadClass: 1 verbal cooperation (roots 01–05), 2 material cooperation (06–08),',
  '# 3 verbal conflict (09–13), 4 material conflict (14–20). Goldstein: the GDELT scale; "icews" where GDELT has no',
  '# value; "parent NNN" for codes the 1.1b3 manual added (cyber, guided and remotely piloted munitions), which take',
  '# their parent code\'s value. Names follow the manual; GDELT\'s legacy list has mis-encoded quotes (044) and older',
  '# 10x names, which are not used. Generated once by scripts/gen-ontology.mjs; edit this file, not the script.',
  '# Columns: code<TAB>root<TAB>quad_class<TAB>goldstein<TAB>goldstein_source<TAB>name',
  ...rows.map((r) => r.join('\t')), ''].join('\n'));
const differs = codes.filter((c) => gdeltNames.has(c) && gdeltNames.get(c).toLowerCase().slice(0, 10) !== names.get(c).toLowerCase().slice(0, 10));
console.error(`cameo-codes.tsv: ${rows.length} codes; GDELT names that differ (not used): ${differs.join(' ')}`);

// --- PLOVER: event types with their quad category and whether a recipient is required (manual), definitions (structured codebook).
const tex = read('plover/PLOVER_MANUAL.tex');
const book = csv(read('plover/PLOVER_structured_codebook_updated.csv'));
const clean = (s) => repair(s).replace(/\\plcat\{([^}]*)\}/g, '$1').replace(/\\[a-z]+\{([^}]*)\}/g, '$1').replace(/[{}]/g, '').replace(/``|''/g, '"');
const typeRows = [];
const sectionRe = /\\section\{([A-Z]+)\}([\s\S]*?)(?=\\section\{|\\chapter\{)/g;
for (const m of tex.matchAll(sectionRe)) {
  const body = m[2];
  const quadCat = /Quad category: ([A-Z ]+)\}/.exec(body)?.[1]?.trim();
  if (!quadCat) continue;
  const recipient = /Requires recipient: (Yes|No)/.exec(body)?.[1] ?? '';
  const def = book.find((r) => r.event === m[1])?.event_def ?? '';
  typeRows.push([m[1], quadCat.toLowerCase().replace(' ', '_'), recipient.toLowerCase(), clean(def)]);
}
writeFileSync(join(out, 'plover-types.tsv'), [
  '# PLOVER event types (PLOVER manual draft 0.8, 2021): type, quad category, whether a recipient is required, definition.',
  '# Generated once by scripts/gen-ontology.mjs; edit this file, not the script.',
  '# Columns: type<TAB>quad<TAB>requires_recipient<TAB>definition',
  ...typeRows.map((r) => r.join('\t')), ''].join('\n'));

// --- PLOVER modes: (type, mode) pairs from the structured codebook and the CAMEO→PLOVER table.
const modes = new Map();
for (const r of book) if (r.mode.trim()) { const k = `${r.event}\t${r.mode.trim()}`; if (!modes.has(k)) modes.set(k, clean(r.mode_def)); }
const mapping = [];
for (const line of read('plover/CAMEO2PLOVER-2021.txt').split('\n')) {
  const m = /^(\d{3,4}):\s*([A-Z]+)\s*,([^,]*),([^#]*)#\s*(.*)$/.exec(line);
  if (!m) continue;
  const [, code, type, mode, ctx] = m;
  const contexts = ctx.split(';').map((c) => c.trim()).filter(Boolean);
  mapping.push({ code, type, mode: mode.trim().replace(/\s+/g, ''), contexts });
  const k = `${type}\t${mode.trim().replace(/\s+/g, '')}`;
  if (mode.trim() && !modes.has(k)) modes.set(k, '');
}
writeFileSync(join(out, 'plover-modes.tsv'), [
  '# PLOVER modes (the "how" of an event), per event type, with the codebook\'s definition (empty where the',
  '# CAMEO→PLOVER table uses a mode the codebook does not define). Generated once by scripts/gen-ontology.mjs.',
  '# Columns: type<TAB>mode<TAB>definition',
  ...[...modes].map(([k, d]) => `${k}\t${d}`), ''].join('\n'));

// --- PLOVER contexts: the manual's table of general contexts.
const ctxRows = [];
const table = tex.slice(tex.indexOf('START CONTEXTS TABLE'), tex.indexOf('END CONTEXTS TABLE'));
for (const m of table.matchAll(/^(?:\\hyperref\[context:[^\]]+\]\{([^}]+)\}|([a-z_]+))\s*&\s*(.+?)\\\\/gm)) ctxRows.push([(m[1] ?? m[2]).replace(/\\_/g, '_'), clean(m[3].replace(/\\textit\{([^}]*)\}|\\emph\{([^}]*)\}/g, '$1$2').replace(/---/g, '—'))]);
// Two contexts the 2021 CAMEO→PLOVER table uses but the manual's general list lacks are kept, marked as such.
ctxRows.push(['humanitarian', 'humanitarian aid and access (used by the 2021 CAMEO→PLOVER table; not in the manual\'s general list)']);
ctxRows.push(['democracy', 'easing of restrictions on political freedoms and dissent (used by the 2021 CAMEO→PLOVER table; not in the manual\'s general list)']);
writeFileSync(join(out, 'plover-contexts.tsv'), [
  '# PLOVER contexts (the "why" of an event) from the PLOVER manual\'s table of general contexts.',
  '# Generated once by scripts/gen-ontology.mjs; edit this file, not the script.',
  '# Columns: context<TAB>definition',
  ...ctxRows.map((r) => r.join('\t')), ''].join('\n'));

// --- CAMEO → PLOVER: the 2021 conversion table; codes it lacks take their nearest listed ancestor (basis "inherited");
// APPEAL (02) is REQUEST by our decision (PLOVER drops APPEAL; REQUEST covers all requests); STATEMENT (01) has no type.
const byCode = new Map();
for (const m of mapping) if (!byCode.has(m.code)) byCode.set(m.code, m);
const special = { '155': ['MOBILIZE', '', ['cyber']], '176': ['COERCE', 'cyber', ['cyber']], '1834': ['ASSAULT', 'explosives', []], '1951': ['ASSAULT', 'aerial', ['military']], '1952': ['ASSAULT', 'drone', ['military']] };
const mapRows = [];
for (const code of codes) {
  const root = code.slice(0, 2);
  if (root === '01') { mapRows.push([code, '', '', '', 'dropped: PLOVER has no statement category']); continue; }
  if (root === '02') { mapRows.push([code, 'REQUEST', '', '', 'decision: PLOVER drops APPEAL; REQUEST covers all requests']); continue; }
  const own = byCode.get(code);
  if (own) { mapRows.push([code, own.type, own.mode, own.contexts.join(';'), 'cameo2plover-2021']); continue; }
  if (special[code]) { const [t, mo, c] = special[code]; mapRows.push([code, t, mo, c.join(';'), 'decision: code added in CAMEO 1.1b3']); continue; }
  const parent = byCode.get(code.slice(0, 3)) ?? byCode.get(`${root}0`);
  const rootType = { '03': 'AGREE', '04': 'CONSULT', '05': 'SUPPORT', '06': 'COOPERATE', '07': 'AID', '08': 'CONCEDE', '09': 'ACCUSE', '10': 'REQUEST', '11': 'ACCUSE', '12': 'REJECT', '13': 'THREATEN', '14': 'PROTEST', '15': 'MOBILIZE', '16': 'SANCTION', '17': 'COERCE', '18': 'ASSAULT', '19': 'ASSAULT', '20': 'ASSAULT' }[root];
  if (parent && code.length > 2) mapRows.push([code, parent.type, parent.mode, parent.contexts.join(';'), `inherited from ${parent.code}`]);
  else mapRows.push([code, rootType, '', '', 'root (PLOVER manual table of cue categories)']);
}
writeFileSync(join(out, 'cameo-plover.tsv'), [
  '# CAMEO code → PLOVER event type, mode and contexts (CAMEO2PLOVER conversion table, 2021-09-17). Where the table',
  '# has no row for a code, the row says why the code maps as it does: inherited from a parent code, a root row, or a',
  '# decision of ours (APPEAL → REQUEST; the codes CAMEO 1.1b3 added). STATEMENT (01) has no PLOVER type: empty.',
  '# Generated once by scripts/gen-ontology.mjs; edit this file, not the script.',
  '# Columns: cameo<TAB>plover_type<TAB>mode<TAB>contexts (;-separated)<TAB>basis',
  ...mapRows.map((r) => r.join('\t')), ''].join('\n'));
console.error(`plover: ${typeRows.length} types, ${modes.size} modes, ${ctxRows.length} contexts, ${mapRows.length} mapping rows`);
