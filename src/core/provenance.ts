/** What produced an annotation: the stage, the rule or model, its version, and how sure it is. */
export interface Provenance {
  readonly stage: string;
  readonly rule?: string;
  readonly model?: string;
  readonly version: string;
  readonly confidence?: number;
  /** Why this choice was made, for choices a reader may want to audit. */
  readonly reason?: string;
}
