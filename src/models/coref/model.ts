/**
 * The coreference antecedent-ranking model (src/stages/coref/ranker.ts): one weight per hashed feature.
 *
 * File format of models/coref.bin: "HCRF", uint32 format version, uint32 header length, UTF-8 JSON header
 * ({@link CorefHeader}), then the perceptron's own serialised bytes (one class).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AveragedPerceptron, type FeatureBuffer } from '../perceptron.js';
import { RANKER_FEATURE_VERSION, type RankingModel } from '../../stages/coref/ranker.js';
import { PairTables } from '../../stages/coref/table-score.js';

export const COREF_MODEL_FILE = 'coref.bin';
const FORMAT_VERSION = 1;

export interface CorefHeader {
  featureVersion: number;
  trainedOn: string[];
}

export class CorefModel implements RankingModel {
  private readonly weights: Float32Array;
  private readonly mask: number;

  /** Table scoring (src/stages/coref/table-score.ts), for weights read from a file: quantised, so sums are exact in any order. */
  readonly tables?: PairTables;

  constructor(
    readonly perceptron: AveragedPerceptron,
    readonly header: CorefHeader,
    quantised = false,
  ) {
    if (perceptron.nClasses !== 1) throw new Error('coref model: expected one class');
    this.weights = perceptron.weights;
    this.mask = perceptron.nBuckets - 1;
    if (quantised) this.tables = new PairTables(this.weights, this.mask);
  }

  score(features: FeatureBuffer): number {
    const w = this.weights;
    const ids = features.ids;
    let s = 0;
    for (let f = 0; f < features.length; f++) s += w[ids[f] & this.mask];
    return s;
  }

  serialize(bits: 8 | 16 = 16): Buffer {
    const json = Buffer.from(JSON.stringify(this.header), 'utf8');
    const head = Buffer.alloc(12);
    head.write('HCRF', 0, 'ascii');
    head.writeUInt32LE(FORMAT_VERSION, 4);
    head.writeUInt32LE(json.length, 8);
    return Buffer.concat([head, json, this.perceptron.serialize(bits)]);
  }

  static deserialize(bytes: Uint8Array): CorefModel {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.toString('ascii', 0, 4) !== 'HCRF') throw new Error('not a Herodotus coreference model (bad magic)');
    const version = buf.readUInt32LE(4);
    if (version !== FORMAT_VERSION) throw new Error(`unsupported coreference model format version ${version}`);
    const length = buf.readUInt32LE(8);
    const header = JSON.parse(buf.toString('utf8', 12, 12 + length)) as CorefHeader;
    if (header.featureVersion !== RANKER_FEATURE_VERSION)
      throw new Error(`coreference model has feature version ${header.featureVersion}, the code ${RANKER_FEATURE_VERSION}: retrain with \`npm run train coref\``);
    return new CorefModel(AveragedPerceptron.deserialize(buf.subarray(12 + length)), header, true);
  }

  /** Loads models/coref.bin; undefined when the file is absent (coreference then uses its rules alone). */
  static load(modelsDir: string): CorefModel | undefined {
    const path = join(modelsDir, COREF_MODEL_FILE);
    return existsSync(path) ? CorefModel.deserialize(readFileSync(path)) : undefined;
  }
}
