import { datelineStage } from '../stages/dateline/stage.js';
import { languageStage } from '../stages/language/stage.js';
import { createQuantitiesStage } from '../stages/quantities/stage.js';
import { segmentStage } from '../stages/segment/stage.js';
import { createTimeStage } from '../stages/time/stage.js';
import type { ResourceLocations } from './resources.js';
import type { Stage } from './stage.js';

/**
 * The pipeline, in order: one literal list. Stages that carry compiled lexicons are built here from
 * the data folder (once per pipeline); later issues add their stages here, and only here.
 */
export function standardStages(locations: ResourceLocations): readonly Stage[] {
  return Object.freeze([
    languageStage,
    datelineStage,
    segmentStage,
    createTimeStage({ dataDir: locations.dataDir }),
    createQuantitiesStage({ dataDir: locations.dataDir }),
  ]);
}
