/**
 * A hand-judged sample of Herodotus's events on unseen wire news: every event coded in the first 30 AQUAINT stories
 * of the TempEval-3 development data (../shared/corpora/tempeval3-dev/TBAQ-cleaned/AQUAINT, files sorted by name;
 * AP and New York Times wire, 1998–2000) by the code of 2026-11-30 before and after that day's event fixes, judged
 * by a Herodotus developer reading each sentence. The stories are copyrighted and stay in ../shared: an entry names
 * its event by story, trigger offset in the TimeML text (<TEXT> with its tags removed), CAMEO code and the source and
 * target codes ('' for none or unknown), so that `npm run eval:events` can tell which judged events are still coded.
 *
 * - type: the sentence reports (or announces, for a future or negated event) an act of this kind — right CAMEO root,
 *   or right PLOVER type.
 * - dyad: the source and target are the right actors, with their country where the text makes it clear; a person
 *   left uncoded ('---') counts when it is the right person; a one-sided event needs no target, and an unknown
 *   source counts when the text names none.
 * - why: for an event judged wrong, what is wrong, in our words.
 *
 * A single judge and one pass: read it as an estimate with its list, not as gold data.
 */

export interface JudgedEvent {
  readonly doc: string;
  readonly at: number;
  readonly code: string;
  readonly source: string;
  readonly target: string;
  readonly type: boolean;
  readonly dyad: boolean;
  readonly why?: string;
}

/** The stories judged: the first JUDGED_STORIES .tml files of AQUAINT, sorted by name. */
export const JUDGED_STORIES = 30;

export const AQUAINT_JUDGED: readonly JudgedEvent[] = [
  { doc: 'APW19980811.0474', at: 77, code: '111', source: 'PHLGOV', target: 'USA', type: true, dyad: false, why: "the bombers, not the embassies' country, are what is condemned" },
  { doc: 'APW19980811.0474', at: 91, code: '183', source: 'PHLGOV', target: '', type: true, dyad: false, why: "the one who condemns is not the bomber" },
  { doc: 'APW19980813.1117', at: 46, code: '111', source: 'IGOUNO', target: 'USA', type: true, dyad: false, why: "the bombers, not the embassies' country, are what is condemned" },
  { doc: 'APW19980813.1117', at: 60, code: '183', source: 'IGOUNO', target: '', type: true, dyad: false, why: "the one who condemns is not the bomber" },
  { doc: 'APW19980813.1117', at: 128, code: '020', source: 'IGOUNO', target: 'GOV', type: true, dyad: false, why: "the appeal is to all states; the authorities are whom they should help" },
  { doc: 'APW19980818.0515', at: 534, code: '183', source: '', target: 'CVL', type: true, dyad: false, why: "the victims were in Kenya and Tanzania: civilians without a country" },
  { doc: 'APW19980818.0515', at: 1309, code: '017', source: 'USAGOV', target: 'TZA', type: true, dyad: true },
  { doc: 'APW19980818.0515', at: 1400, code: '070', source: 'USAGOV', target: 'USA', type: false, dyad: false, why: "handing over a flag is no aid" },
  { doc: 'APW19980818.0515', at: 2275, code: '030', source: 'USAGOV', target: 'USALEG', type: true, dyad: false, why: "the pledge is to the two countries (funding), not to Congress" },
  { doc: 'APW19980818.0515', at: 2286, code: '020', source: 'USAGOV', target: 'USALEG', type: true, dyad: true },
  { doc: 'APW19980818.0515', at: 3014, code: '020', source: 'TZAGOV', target: 'USAGOV', type: true, dyad: true },
  { doc: 'APW19980818.0515', at: 3189, code: '064', source: 'USACVL', target: 'TZA', type: false, dyad: false, why: "sharing sorrow is no cooperation" },
  { doc: 'APW19980818.0515', at: 3437, code: '090', source: 'USACOP', target: 'TZA', type: true, dyad: false, why: "what is investigated is the bombing, not the city" },
  { doc: 'APW19980818.0515', at: 3735, code: '010', source: 'TZAGOV', target: 'USACOP', type: true, dyad: false, why: "refusal to comment; the suspects are not police" },
  { doc: 'APW19980818.0515', at: 3860, code: '016', source: 'KENCOP', target: 'KEN', type: true, dyad: false, why: "the target is the newspaper, not the city where the denial was made" },
  { doc: 'APW19980820.1428', at: 168, code: '180', source: 'USA', target: 'SDN', type: true, dyad: true },
  { doc: 'APW19980820.1428', at: 168, code: '180', source: 'USA', target: 'AFG', type: true, dyad: true },
  { doc: 'APW19980820.1428', at: 529, code: '190', source: 'USA', target: 'SDN', type: true, dyad: true },
  { doc: 'APW19980820.1428', at: 553, code: '143', source: 'USA', target: '', type: false, dyad: false, why: "cruise missile strikes are no labour strike" },
  { doc: 'APW19980820.1428', at: 859, code: '183', source: '', target: 'TZACVL', type: true, dyad: false, why: "the 247 dead were in Kenya" },
  { doc: 'APW19980826.0389', at: 109, code: '040', source: 'USAGOV', target: 'KENGOV', type: true, dyad: true },
  { doc: 'APW19980826.0389', at: 998, code: '040', source: 'GOV', target: 'USAGOV', type: true, dyad: false, why: "the Kenyan minister coded without a country" },
  { doc: 'APW19980826.0389', at: 1321, code: '183', source: 'TZA', target: '', type: true, dyad: false, why: "the place of the blast as its author" },
  { doc: 'APW19980911.0475', at: 947, code: '183', source: 'KEN', target: '', type: true, dyad: false, why: "the place of the bombing as its author" },
  { doc: 'APW19980930.0425', at: 516, code: '183', source: '', target: 'CVL', type: true, dyad: false, why: "victims in two countries, coded without one" },
  { doc: 'APW19980930.0425', at: 516, code: '183', source: '', target: 'USA', type: true, dyad: true },
  { doc: 'APW19980930.0425', at: 743, code: '183', source: '', target: 'CVL', type: true, dyad: false, why: "victims in Oklahoma City, coded without a country" },
  { doc: 'APW19980930.0425', at: 755, code: '183', source: 'CVL', target: '', type: true, dyad: false, why: "the victims as the bombers" },
  { doc: 'APW19980930.0425', at: 1216, code: '020', source: 'USAGOV', target: 'USALEG', type: true, dyad: true },
  { doc: 'APW19980930.0425', at: 1345, code: '070', source: 'USAGOV', target: 'TZA', type: true, dyad: true },
  { doc: 'APW19980930.0425', at: 1345, code: '070', source: 'USAGOV', target: 'KEN', type: true, dyad: true },
  { doc: 'APW19990122.0193', at: 1069, code: '173', source: '---', target: '', type: true, dyad: false, why: "Kopp was the one arrested" },
  { doc: 'APW19990122.0193', at: 2135, code: '020', source: 'USACOP', target: 'MEXGOV', type: true, dyad: true },
  { doc: 'APW19990216.0198', at: 64, code: '026', source: 'GOV', target: 'POL', type: true, dyad: false, why: "Albright coded without a country; two of three invitees lost" },
  { doc: 'APW19990312.0251', at: 135, code: '064', source: 'POL', target: 'HUN', type: false, dyad: false, why: "exchanging communist rule for democracy is no cooperation" },
  { doc: 'APW19990312.0251', at: 135, code: '064', source: 'POL', target: 'CZE', type: false, dyad: false, why: "exchanging communist rule for democracy is no cooperation" },
  { doc: 'APW19990312.0251', at: 135, code: '064', source: 'HUN', target: 'CZE', type: false, dyad: false, why: "exchanging communist rule for democracy is no cooperation" },
  { doc: 'APW19990507.0207', at: 1030, code: '193', source: '---', target: '', type: true, dyad: false, why: "the victim as the shooter" },
  { doc: 'APW19990507.0207', at: 1100, code: '041', source: 'GOV', target: 'NGO', type: false, dyad: false, why: "calling someone a suspect is no phone call" },
  { doc: 'APW19990607.0041', at: 494, code: '183', source: '', target: 'CVL', type: true, dyad: false, why: "the victims coded without a country" },
  { doc: 'APW19990607.0041', at: 494, code: '183', source: '', target: 'USA', type: true, dyad: true },
  { doc: 'APW19990607.0041', at: 2484, code: '030', source: 'LBYGOV', target: 'KENCVL', type: true, dyad: false, why: "\"them\" are the Libyan suspects, not Kenyan or Tanzanian civilians" },
  { doc: 'APW19990607.0041', at: 2484, code: '030', source: 'LBYGOV', target: 'TZACVL', type: true, dyad: false, why: "\"them\" are the Libyan suspects, not Kenyan or Tanzanian civilians" },
  { doc: 'APW19990607.0041', at: 2503, code: '0313', source: 'LBYGOV', target: 'KENCVL', type: true, dyad: false, why: "\"them\" are the Libyan suspects" },
  { doc: 'APW19990607.0041', at: 2503, code: '0313', source: 'LBYGOV', target: 'TZACVL', type: true, dyad: false, why: "\"them\" are the Libyan suspects" },
  { doc: 'APW19990607.0041', at: 3555, code: '193', source: '---', target: '', type: true, dyad: false, why: "the victim as the shooter" },
  { doc: 'APW19991008.0151', at: 131, code: '183', source: 'USA', target: 'KEN', type: true, dyad: false, why: "the embassies were the target, Kenya and Tanzania the places" },
  { doc: 'APW19991008.0151', at: 131, code: '183', source: 'USA', target: 'TZA', type: true, dyad: false, why: "the embassies were the target, Kenya and Tanzania the places" },
  { doc: 'APW19991008.0151', at: 799, code: '173', source: 'USACOP', target: '---', type: true, dyad: true },
  { doc: 'APW19991008.0151', at: 899, code: '174', source: '---', target: '', type: true, dyad: false, why: "the one deported as the deporter" },
  { doc: 'APW19991008.0151', at: 1613, code: '183', source: 'CVL', target: '', type: true, dyad: false, why: "those who died as the bombers" },
  { doc: 'APW19991008.0151', at: 1613, code: '183', source: 'USA', target: '', type: true, dyad: false, why: "those who died as the bombers" },
  { doc: 'APW19991024.0075', at: 895, code: '070', source: '---', target: 'COP', type: false, dyad: false, why: "sending a fax is no aid" },
  { doc: 'APW19991024.0075', at: 1678, code: '183', source: 'USA', target: '', type: true, dyad: false, why: "the place of the bombing as its author" },
  { doc: 'APW199980817.1193', at: 119, code: '133', source: 'USAGOV', target: '', type: false, dyad: false, why: "to demonstrate support is no protest" },
  { doc: 'APW199980817.1193', at: 1115, code: '114', source: 'KEN', target: 'USA', type: true, dyad: true },
  { doc: 'APW199980817.1193', at: 1149, code: '183', source: 'KEN', target: '', type: true, dyad: false, why: "the place of the bombing as its author" },
  { doc: 'APW199980817.1193', at: 2070, code: '100', source: 'USAGOV', target: 'USA', type: false, dyad: false, why: "an order to the country's own staff: no event between actors" },
  { doc: 'APW199980817.1193', at: 2271, code: '070', source: 'PAK', target: 'KENGOV', type: false, dyad: true, why: "handing over a suspect is judicial cooperation, not aid" },
  { doc: 'APW19980820.1428', at: 859, code: '183', source: '', target: 'KENCVL', type: true, dyad: true },
  { doc: 'APW199980817.1193', at: 2333, code: '183', source: 'USA', target: '', type: true, dyad: false, why: "the embassies' country as the bomber" },
  { doc: 'APW199980817.1193', at: 2471, code: '183', source: 'KEN', target: '', type: true, dyad: false, why: "the place of the bombing as its author" },
  { doc: 'APW199980817.1193', at: 2479, code: '042', source: 'KEN', target: 'USACOP', type: false, dyad: false, why: "evidence arriving at a lab is no visit" },
  { doc: 'APW20000106.0064', at: 562, code: '141', source: 'GOV', target: '', type: true, dyad: false, why: "the protesters are the citizens, not the government" },
  { doc: 'APW20000106.0064', at: 571, code: '020', source: 'GOV', target: '---', type: true, dyad: false, why: "the protesters press the United States; Elian is the object" },
  { doc: 'APW20000106.0064', at: 861, code: '020', source: 'CUB', target: 'USA', type: true, dyad: true },
  { doc: 'APW20000107.0088', at: 164, code: '020', source: 'CUBGOV', target: 'CUBCVL', type: true, dyad: true },
  { doc: 'APW20000107.0088', at: 487, code: '141', source: 'GOV', target: '', type: true, dyad: false, why: "Castro coded without a country; the rally is by media workers" },
  { doc: 'APW20000107.0088', at: 556, code: '1053', source: 'GOV', target: '---', type: true, dyad: false, why: "a demand to the United States; Castro without a country" },
  { doc: 'APW20000107.0088', at: 631, code: '141', source: 'CUBGOV', target: '', type: true, dyad: true },
  { doc: 'APW20000107.0318', at: 2730, code: '010', source: '---', target: 'JUD', type: true, dyad: false, why: "a refusal to comment, not a statement to the judge" },
  { doc: 'APW20000107.0318', at: 3109, code: '042', source: 'GOV', target: 'USA', type: true, dyad: false, why: "the Miami mayor coded without a country" },
  { doc: 'APW20000107.0318', at: 3131, code: '020', source: 'GOV', target: 'JUD', type: true, dyad: false, why: "the Miami mayor coded without a country" },
  { doc: 'APW20000107.0318', at: 3198, code: '020', source: '---', target: 'GOV', type: true, dyad: false, why: "Clinton coded without a country" },
  { doc: 'APW20000107.0318', at: 3991, code: '141', source: 'USACVL', target: '', type: true, dyad: true },
  { doc: 'APW20000107.0318', at: 4274, code: '133', source: 'CUBCVL', target: '', type: true, dyad: false, why: "Cuban-American protesters in Miami coded as Cuban" },
  { doc: 'APW20000107.0318', at: 4570, code: '141', source: '---', target: '', type: true, dyad: false, why: "the rally was about Elian, not by him" },
  { doc: 'APW20000115.0031', at: 894, code: '141', source: 'CVL', target: '', type: true, dyad: false, why: "the Cuban crowd coded without a country" },
  { doc: 'APW20000115.0031', at: 1493, code: '174', source: 'USAGOV', target: 'CUB', type: true, dyad: true },
  { doc: 'APW20000115.0031', at: 1582, code: '070', source: 'JUD', target: 'USAGOV', type: false, dyad: false, why: "giving relatives a chance is no aid" },
  { doc: 'APW20000115.0031', at: 1862, code: '139', source: 'JUD', target: 'CUBGOV', type: false, dyad: false, why: "a failure to set a deadline is no ultimatum" },
  { doc: 'APW20000115.0031', at: 2052, code: '120', source: 'GOV', target: 'USA', type: true, dyad: false, why: "the Cuban official coded without a country" },
  { doc: 'APW20000115.0031', at: 3198, code: '190', source: 'GOV', target: 'CUB', type: false, dyad: false, why: "an ideological battle is no fight" },
  { doc: 'APW20000115.0031', at: 3247, code: '190', source: 'CUBGOV', target: 'USAGOV', type: false, dyad: false, why: "\"rather than a clash\": none took place" },
  { doc: 'APW20000115.0031', at: 3452, code: '120', source: 'JUD', target: 'USA', type: true, dyad: true },
  { doc: 'APW20000115.0031', at: 3767, code: '190', source: 'USAGOV', target: 'USA', type: false, dyad: false, why: "fighting in court to keep a boy is no fight" },
  { doc: 'APW20000115.0031', at: 3825, code: '070', source: 'USAGOV', target: 'CUB', type: false, dyad: false, why: "giving a better life is no aid" },
  { doc: 'APW20000115.0031', at: 3950, code: '070', source: 'USAGOV', target: 'USA', type: false, dyad: false, why: "giving freedom is no aid" },
  { doc: 'APW20000115.0209', at: 164, code: '020', source: 'CUBGOV', target: 'CUBCVL', type: true, dyad: true },
  { doc: 'APW20000115.0209', at: 487, code: '141', source: 'GOV', target: '', type: true, dyad: false, why: "Castro coded without a country; the rally is by media workers" },
  { doc: 'APW20000115.0209', at: 556, code: '1053', source: 'GOV', target: '---', type: true, dyad: false, why: "a demand to the United States; Castro without a country" },
  { doc: 'APW20000115.0209', at: 631, code: '141', source: 'CUBGOV', target: '', type: true, dyad: true },
  { doc: 'APW20000124.0182', at: 61, code: '173', source: 'CANGOV', target: '', type: true, dyad: false, why: "the one sought (Kopp) is missing" },
  { doc: 'APW20000124.0182', at: 331, code: '173', source: 'CAN', target: '---', type: true, dyad: true },
  { doc: 'APW20000124.0182', at: 378, code: '193', source: 'CAN', target: '', type: true, dyad: false, why: "the warrant's country as the shooter" },
  { doc: 'APW20000124.0182', at: 1636, code: '173', source: '---', target: '', type: false, dyad: false, why: "a reward for a future arrest; Kopp as the one arresting" },
  { doc: 'APW19980820.1428', at: 553, code: '195', source: 'USA', target: 'AFG', type: true, dyad: true },
  { doc: 'APW19990507.0207', at: 1030, code: '193', source: 'NGO', target: '', type: true, dyad: false, why: "the suspect named as the shooter from a warrant" },
  { doc: 'APW19980820.1428', at: 859, code: '183', source: '', target: 'KENCVL', type: true, dyad: true },
  { doc: 'APW199980817.1193', at: 2333, code: '183', source: 'PAK', target: '', type: true, dyad: false, why: "the country that handed over a suspect as the bomber" },
];
