/** What every model trainer receives. Paths are absolute; nothing is resolved against the cwd. */
export interface TrainOptions {
  /** The folder holding the corpora (normally ../shared/corpora beside the project). */
  corporaDir: string;
  /** Where weights and manifest.json are written (normally <project>/models). */
  modelsDir: string;
  /** Progress lines (to stderr). */
  log: (message: string) => void;
  /** Seed for every random choice (shuffling); training is deterministic given the seed. */
  seed: number;
}
