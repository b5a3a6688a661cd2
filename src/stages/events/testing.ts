/** Test helpers for the events stage: a stage standing in for coreference and actor coding. */
import type { Actor, Mention } from '../../core/layers.js';
import type { Stage } from '../../pipeline/stage.js';

/** Every occurrence of a listed name is a mention of its actor (code → country + sector). */
export function handActors(table: Record<string, string>): Stage {
  return {
    name: 'hand-actors',
    version: 'test',
    reads: ['tokens'],
    writes: ['mentions', 'actors'],
    run(doc) {
      const tokens = doc.get('tokens');
      const mentions: Mention[] = [];
      const actors: Actor[] = [];
      for (const [name, code] of Object.entries(table)) {
        const ids: string[] = [];
        for (let at = doc.text.indexOf(name); at >= 0; at = doc.text.indexOf(name, at + 1)) {
          const head = tokens.findIndex((t) => t.start >= at && t.end === at + name.length) ;
          const last = head >= 0 ? head : tokens.findIndex((t) => t.start >= at && t.end <= at + name.length);
          const id = `m${mentions.length + 1}`;
          mentions.push({ id, text: name, start: at, end: at + name.length, head: last, kind: 'name', type: 'PERSON', cluster: `c-${name}`, prov: { stage: 'test', version: '0' } });
          ids.push(id);
        }
        actors.push({ id: `a${actors.length + 1}`, name, code, country: code.slice(0, 3), sectors: code.length > 3 ? [code.slice(3)] : [], mentions: ids, prov: { stage: 'test', version: '0' } });
      }
      return { layers: { mentions, actors } };
    },
  };
}
