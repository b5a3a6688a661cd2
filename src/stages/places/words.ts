/**
 * Small closed word lists the places stage needs to tell a toponym from a capitalised word that is not one.
 * Facts of English usage, written for Herodotus.
 */

/** Capitalised words that are never a place on their own (sentence-initial function words, months, days). */
export const NOT_PLACES = new Set(
  (
    'the a an and or but if in on at of for to from by with as is it its this that these those there here ' +
    'he she they we you i his her their our my your who what when where why how which while after before ' +
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday ' +
    'mr mrs ms dr sir state states city government president minister secretary police army navy marina ' +
    'north south east west central northern southern eastern western new old saint st mount lake river ' +
    'god christmas easter ramadan republic kingdom union island islands county province region district'
  ).split(' '),
);

/** Words that, capitalised before a place, still leave the place a place ("Southern California"). */
export const PLACE_MODIFIERS = new Set(
  'north south east west northern southern eastern western central upper lower greater coastal rural downtown suburban northeastern northwestern southeastern southwestern mainland saharan sub-saharan'.split(' '),
);

/** Titles and institutions that a country or city name can modify ("US Secretary", "Mexico City Mayor"). */
export const TITLE_WORDS = new Set(
  (
    'president vice secretary minister ministry foreign prime premier chancellor ambassador embassy consul consulate ' +
    'government army navy air force forces military police coast guard border patrol congress senate parliament ' +
    'senator congressman representative governor mayor official officials authorities department state ' +
    'attorney general court supreme judge leader king queen prince emperor pope envoy delegation team national ' +
    'federal central bank treasury administration immigration homeland security intelligence troops soldiers'
  ).split(' '),
);

/** Lower-case words that introduce a place ("in Mexico City", "near the Darién"). */
export const LOCATIVE = new Set('in at from to near into across through throughout outside inside toward towards via around within between across'.split(' '));

/** Lower-case words allowed inside a multi-word place name. */
export const CONNECTORS = new Set(['of', 'de', 'del', 'la', 'le', 'du', 'des', 'da', 'do', 'dos', 'das', 'el', 'al', 'upon', 'on', 'am', 'an', 'der', 'y', 'and', 'en', 'sur']);
