import { datelineStage } from '../stages/dateline/stage.js';
import { languageStage } from '../stages/language/stage.js';
import { segmentStage } from '../stages/segment/stage.js';
import type { Stage } from './stage.js';

/** The pipeline, in order. Later issues add their stages here, and only here. */
export const STAGES: readonly Stage[] = Object.freeze([languageStage, datelineStage, segmentStage]);
