export { loadOntology, ontologyFromRows, quadClassOf } from './ontology.js';
export type { CameoCode, Ontology, OntologyRows, PloverContext, PloverMapping, PloverMode, PloverType, QuadClass } from './ontology.js';
