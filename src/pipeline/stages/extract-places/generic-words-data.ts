/**
 * Generic place words ("region", "область", "облысы", "city of", "г.") that tell what kind of
 * place a name stands for, and the words that stop the pattern recognisers. Sources: Russian,
 * Kazakh and English grammar (own compilation); see data/gazetteer/README.md.
 *
 * @module pipeline/stages/extract-places/generic-words-data
 */

/** The kind of place a generic word marks. */
export type GenericKind = 'region' | 'district' | 'city'

/** A generic word as met in text. */
export interface GenericWord {
  readonly kind: GenericKind
  readonly plural: boolean
  /** The nominative singular to write in a rebuilt name ("область", "район", "region"). */
  readonly nominative: string
}

const g = (kind: GenericKind, nominative: string, plural = false): GenericWord => ({
  kind,
  plural,
  nominative,
})

/** English generic words that follow a name ("Almaty region", "Karasay District"), lower case. */
export const EN_AFTER: ReadonlyMap<string, GenericWord> = new Map([
  ['region', g('region', 'region')],
  ['regions', g('region', 'region', true)],
  ['oblast', g('region', 'oblast')],
  ['oblasts', g('region', 'oblast', true)],
  ['oblys', g('region', 'oblys')],
  ['province', g('region', 'province')],
  ['provinces', g('region', 'province', true)],
  ['krai', g('region', 'krai')],
  ['kray', g('region', 'kray')],
  ['district', g('district', 'district')],
  ['districts', g('district', 'district', true)],
  ['raion', g('district', 'raion')],
  ['rayon', g('district', 'rayon')],
  ['city', g('city', 'city')],
])

/** English generic words written before "of" ("region of Dashoguz", "city of Almaty"). */
export const EN_BEFORE_OF: ReadonlyMap<string, GenericWord> = new Map([
  ['region', g('region', 'region')],
  ['province', g('region', 'province')],
  ['oblast', g('region', 'oblast')],
  ['district', g('district', 'district')],
  ['city', g('city', 'city')],
  ['town', g('city', 'town')],
  ['village', g('city', 'village')],
  ['regions', g('region', 'region', true)],
  ['provinces', g('region', 'province', true)],
  ['oblasts', g('region', 'oblast', true)],
  ['districts', g('district', 'district', true)],
  ['cities', g('city', 'city', true)],
])

function forms(kind: GenericKind, nominative: string, singular: string[], plural: string[]) {
  return [
    ...singular.map((f) => [f, g(kind, nominative)] as const),
    ...plural.map((f) => [f, g(kind, nominative, true)] as const),
  ]
}

/** Russian generic nouns, lower case, `ё` folded. `области` counts as plural only in lists. */
export const RU_GENERIC: ReadonlyMap<string, GenericWord> = new Map([
  ...forms(
    'region',
    'область',
    ['область', 'области', 'областью', 'обл'],
    ['областей', 'областям', 'областями', 'областях'],
  ),
  ...forms(
    'region',
    'край',
    ['край', 'края', 'краю', 'краем', 'крае'],
    ['краев', 'краях', 'краям'],
  ),
  ...forms(
    'region',
    'велаят',
    ['велаят', 'велаята', 'велаяту', 'велаятом', 'велаяте'],
    ['велаятах', 'велаятов'],
  ),
  ...forms(
    'region',
    'Республика',
    ['республика', 'республики', 'республике', 'республику', 'республикой'],
    [],
  ),
  ...forms(
    'district',
    'район',
    ['район', 'района', 'району', 'районом', 'районе', 'р-н', 'р-на', 'р-не'],
    ['районы', 'районов', 'районам', 'районами', 'районах'],
  ),
  ...forms(
    'city',
    'город',
    ['город', 'города', 'городу', 'городом', 'городе', 'г'],
    ['городах', 'городов'],
  ),
  ...forms('city', 'село', ['село', 'села', 'селу', 'селом', 'селе', 'с'], []),
  ...forms(
    'city',
    'поселок',
    ['поселок', 'поселка', 'поселку', 'поселком', 'поселке', 'пос', 'п'],
    [],
  ),
  ...forms('city', 'аул', ['аул', 'аула', 'аулу', 'аулом', 'ауле'], []),
])

/** Russian generic words that may stand before the name ("области Улытау", "г. Алматы"). */
export const RU_BEFORE_KINDS: ReadonlySet<string> = new Set([
  'область',
  'район',
  'город',
  'село',
  'поселок',
  'аул',
  'Республика',
])

/** Kazakh generic words by prefix ("облысы", "облысында", "ауданының", "қаласында"). */
export const KK_GENERIC_PREFIXES: readonly (readonly [string, GenericWord])[] = [
  ['облыстар', g('region', 'облысы', true)],
  ['облыс', g('region', 'облысы')],
  ['өлке', g('region', 'өлкесі')],
  ['уәлаят', g('region', 'уәлаяты')],
  ['аудандар', g('district', 'ауданы', true)],
  ['ауданы', g('district', 'ауданы')],
  ['аудандық', g('district', 'ауданы')],
  ['қалалар', g('city', 'қаласы', true)],
  ['қаласы', g('city', 'қаласы')],
  ['қаласын', g('city', 'қаласы')],
  ['қалалық', g('city', 'қаласы')],
  ['ауылы', g('city', 'ауылы')],
  ['ауылын', g('city', 'ауылы')],
  ['кенті', g('city', 'кенті')],
  ['кентін', g('city', 'кенті')],
]

/** Words that join the items of a list ("Almaty, Turkestan and Zhambyl regions"). */
export const LIST_JOINERS: ReadonlySet<string> = new Set([
  ',',
  'and',
  'or',
  '&',
  'и',
  'или',
  'және',
  'мен',
  'бен',
  'пен',
  'немесе',
])

/**
 * Capitalised English words that are never the name in "<Name> region/district" or
 * "city of <Name>": function words, directions, and words that make an organisation or a
 * vague area ("Central region", "Police district", "the Federal district").
 */
export const EN_PATTERN_STOP: ReadonlySet<string> = new Set(
  (
    'the a an this that these those its their his her our in on at of for from to by with and or ' +
    'north south east west northern southern eastern western central north-east north-west ' +
    'south-east south-west northeast northwest southeast southwest middle upper lower ' +
    'federal capital police military special economic administrative autonomous border customs ' +
    'judicial electoral school sanitary financial business industrial new old same whole entire ' +
    'each every one other another neighbouring neighboring native home key main certain some any ' +
    'all many several both mountain mountainous rural urban remote border-area nearby respective ' +
    'said given local regional national state public his which what where when while after before ' +
    'during since under over into across throughout within outside inside near about ' +
    'such whose my your most few various different two three four five six seven eight nine ten ' +
    'first second third last next former tax court prison police-run'
  ).split(' '),
)

/** Capitalised Russian/Kazakh words that never start a place name in the patterns. */
export const CYR_PATTERN_STOP: ReadonlySet<string> = new Set(
  (
    'в во на по из от до для при с со к и а но или это этот эта эти той том тот всей всех каждой ' +
    'каждом данной данном той одной другой соседней соседних родной ' +
    'центральной центральном центральный северной южной восточной западной северном южном ' +
    'восточном западном северо-восточной юго-западной юго-восточной северо-западной ' +
    'административной автономной приграничной ' +
    'других остальных многих некоторых нескольких обеих двух трех всех этих тех таких разных ' +
    'различных прочих сельских отдаленных северных южных восточных западных центральных ' +
    'бұл осы сол барлық әр әрбір бір басқа көрші ' +
    'орталық солтүстік оңтүстік шығыс батыс'
  ).split(' '),
)
