import { datelineStage } from '../stages/dateline/stage.js';
import { entitiesStage } from '../stages/entities/stage.js';
import { createEventsStage } from '../stages/events/stage.js';
import { languageStage } from '../stages/language/stage.js';
import { parseStage } from '../stages/parse/stage.js';
import { createPlacesStage } from '../stages/places/stage.js';
import { createQuantitiesStage } from '../stages/quantities/stage.js';
import { createQuotesStage } from '../stages/quotes/stage.js';
import { segmentStage } from '../stages/segment/stage.js';
import { tagStage } from '../stages/tag/stage.js';
import { createTimeStage } from '../stages/time/stage.js';
import type { ResourceLocations, Resources } from './resources.js';
import type { Stage } from './stage.js';

/**
 * The pipeline, in order: one literal list. Stages that carry compiled lexicons are built here from
 * the data folder or the loaded resources (once per pipeline); later issues add their stages here, and only here.
 */
export function standardStages(locations: ResourceLocations, resources: Resources): readonly Stage[] {
  return Object.freeze([
    languageStage,
    datelineStage,
    segmentStage,
    tagStage,
    parseStage,
    entitiesStage,
    createTimeStage({ dataDir: locations.dataDir }),
    createPlacesStage(resources.gazetteer),
    createQuantitiesStage({ dataDir: locations.dataDir }),
    createQuotesStage({ dataDir: locations.dataDir }),
    createEventsStage({ dataDir: locations.dataDir }),
  ]);
}
