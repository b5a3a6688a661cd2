/**
 * How many documents `code` and `ingest` run through the pipeline together, stage by stage (see
 * Pipeline.codeBatch): enough for each model to work through many sentences while its weights are in cache. 32
 * documents code 1,200 ~600-word articles as fast as 64 did, with a smaller heap (peak RSS ≈ 330 MB instead of
 * 390–530 MB).
 */
export const CODE_BATCH_DOCUMENTS = 32;
