export { createPlacesStage, findPlaces, PLACES_VERSION } from './stage.js';
export { Gazetteer, loadGazetteer, defaultGazetteerDir } from '../../knowledge/gazetteer/gazetteer.js';
export type { GazetteerEntry } from '../../knowledge/gazetteer/format.js';
