/**
 * V8 settings of the `herodotus` process, applied by the first import of cli/main.ts, before any pipeline code has
 * run long enough to be optimised. They are process-wide, so the `--threads` workers share them; the library API
 * leaves V8 as the embedding application set it.
 *
 * `--no-turbo-inline-array-builtins`: when the optimising compiler inlines `Array.prototype.map` (and filter, …) into
 * a function, the arrays it returns are HOLEY_ELEMENTS, while the same call before optimisation returns
 * PACKED_ELEMENTS. Every function that receives such arrays (the words of a sentence, the mentions of a document) was
 * optimised for the first shape, and is deoptimised and compiled again once its caller is optimised. In a 1,200-article
 * `code` run that was about 70 of 130 deoptimisations; with the flag the optimising compiler's time fell from 4.6 to
 * 2.8 s and the one-CPU run became about 8 % faster (BENCHMARKS.md, session 10).
 */
import { setFlagsFromString } from 'node:v8';

export const V8_FLAGS = ['--no-turbo-inline-array-builtins'] as const;

for (const flag of V8_FLAGS) setFlagsFromString(flag);
