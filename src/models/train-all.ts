#!/usr/bin/env node
/**
 * `npm run train [-- tagger|parser|ner|coref ...] [--corpora DIR] [--models DIR] [--seed N]`: trains the models in
 * dependency order (the parser reads the tagger's output) and records each in models/manifest.json.
 */
import { trainCoref } from './coref/train.js';
import { trainNer } from './ner/train.js';
import { trainParser } from './parser/train.js';
import { corporaDir, modelsDir } from './paths.js';
import { trainTagger } from './tagger/train.js';
import type { TrainOptions } from './train-options.js';

/** Each model with the seed its shipped weights were trained with (so `npm run train` reproduces them). */
const TRAINERS: ReadonlyArray<readonly [string, (o: TrainOptions) => Promise<void>, number]> = [
  ['tagger', trainTagger, 1],
  ['parser', trainParser, 1],
  ['ner', trainNer, 2],
  // Reads the tagger's and parser's output on GUM.
  ['coref', async (o) => void (await trainCoref(o)), 1],
];

/** Trains the named models (all when none is named); `seed` overrides every model's shipped seed. */
export async function trainModels(names: readonly string[], options: Omit<TrainOptions, 'seed'> & { seed?: number }): Promise<void> {
  const unknown = names.filter((n) => !TRAINERS.some(([name]) => name === n));
  if (unknown.length > 0) throw new Error(`unknown model(s): ${unknown.join(', ')} (known: ${TRAINERS.map(([n]) => n).join(', ')})`);
  for (const [name, train, shippedSeed] of TRAINERS) {
    if (names.length > 0 && !names.includes(name)) continue;
    const started = Date.now();
    options.log(`training ${name} …`);
    await train({ ...options, seed: options.seed ?? shippedSeed });
    options.log(`${name} trained in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const names = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  try {
    await trainModels(names, {
      corporaDir: corporaDir(flag(args, '--corpora')),
      modelsDir: modelsDir(flag(args, '--models')),
      ...(flag(args, '--seed') ? { seed: Number(flag(args, '--seed')) } : {}),
      log: (m) => process.stderr.write(`train: ${m}\n`),
    });
  } catch (error) {
    process.stderr.write(`train: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
