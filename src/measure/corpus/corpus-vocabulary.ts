/**
 * The embedded vocabulary of the built-in corpus: real English words by part of speech, plus names, places,
 * organisations and units. Kept as space-separated strings so the lists stay compact; verbs are `base/past`
 * pairs (third person is derived by regular rules, so only verbs with regular -s forms are listed) and nouns
 * are singular with regular plurals.
 */
const words = (list: string): readonly string[] => list.trim().split(/\s+/);

export const nouns = words(`
  river model city report system market engine network signal battery forest village student teacher
  doctor patient hospital school library museum garden bridge harbor island mountain valley desert ocean
  planet satellite telescope camera computer server database query document passage sentence language
  dataset benchmark algorithm method theory experiment sample survey policy budget contract company
  factory worker farmer harvest season storm winter summer festival concert painting novel journal
  article chapter record archive map route station airport railway highway vehicle bicycle engineer
  scientist researcher committee council election vote court judge law treaty border region province
  climate temperature rainfall glacier volcano earthquake insect bird whale vaccine protein cell
  gene enzyme molecule crystal metal mineral fuel reactor turbine panel grid price wage loan bank
  investor product customer service platform protocol sensor device chip memory processor kernel cluster
  pipeline project team manager leader citizen community neighbor family friend kitchen recipe meal
  bread coffee market street window door building tower castle temple church stadium player coach
  match tournament season trail lake canal
`);

export const verbs = words(`
  describe/described measure/measured improve/improved reduce/reduced increase/increased build/built
  design/designed study/studied test/tested compare/compared publish/published support/supported
  discover/discovered explain/explained record/recorded report/reported train/trained deploy/deployed
  protect/protected replace/replaced connect/connected produce/produced collect/collected review/reviewed
  predict/predicted change/changed follow/followed announce/announced approve/approved reject/rejected
  develop/developed estimate/estimated observe/observed examine/examined confirm/confirmed create/created
  restore/restored visit/visited launch/launched expand/expanded simplify/simplified store/stored
  translate/translated process/processed release/released analyze/analyzed question/questioned
  map/mapped plan/planned share/shared limit/limited enable/enabled require/required
`);

export const adjectives = words(`
  large small new old early late modern ancient local global public private rural urban coastal northern
  southern eastern western central rapid slow steady sudden careful detailed simple complex useful
  reliable accurate efficient expensive cheap bright dark quiet loud warm cold dry wet heavy light
  strong weak broad narrow deep shallow famous popular rare common regional national annual daily
  digital physical chemical biological medical legal financial economic political social cultural
  historical technical practical critical significant recent similar different independent open
  average typical major minor primary secondary remote nearby green blue red golden silver wooden
`);

export const adverbs = words(`
  quickly slowly carefully rarely often usually recently finally nearly almost largely widely
  steadily sharply gradually clearly mostly partly quietly openly directly easily
`);

export const prepositions = words(
  `in near across along beyond within around through under over behind beside`,
);

export const firstNames = words(`
  Maria James Aisha Chen Olivia Lucas Priya Omar Elena Daniel Fatima Noah Sofia Ivan Grace Mateo Hannah
  Kenji Amara Leo Clara Samuel Nadia Felix Ingrid Tomas Yara Arjun Lena Victor
`);

export const surnames = words(`
  Garcia Smith Okafor Wang Johansson Patel Haddad Kowalski Moreau Tanaka Silva Novak Fischer Rossi Brown
  Nguyen Kim Larsen Mendes Adeyemi
`);

export const places = words(`
  Paris Lisbon Nairobi Toronto Osaka Lima Cairo Oslo Melbourne Denver Mumbai Seoul Dublin Madrid Quito
  Helsinki Accra Vienna Hanoi Santiago Geneva Bristol Austin Kyoto Porto Lagos Prague Boston Auckland
  Manila Brazil Canada Norway Kenya India Chile Japan Spain Ghana Iceland Peru Portugal Scotland Egypt
`);

export const organizations = words(`
  NASA UNESCO WHO NOAA CERN IPCC OECD UNICEF
`);

export const units = words(`
  percent kilometers meters degrees years hours tons liters households students patients visitors
`);

export const topics = words(`
  climate energy health education transport housing water agriculture finance security privacy search
  retrieval translation weather tourism fishing mining shipping
`);

export const questionWords = words(`how what why when where which`);

export const rankingWords = words(`best cheapest nearest latest largest oldest`);
