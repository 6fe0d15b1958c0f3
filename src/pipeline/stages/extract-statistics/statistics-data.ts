/**
 * Lexicon for recognising aggregate figures in en/ru/kk crime news: the nouns that name what is
 * counted (with the unit reported), number words, scale words and the cue words for periods,
 * aggregation and change. Written by the Tergeu authors from general knowledge of the three
 * languages and of police/prosecutor statistics releases. Licence: MIT (as the project).
 *
 * Stems are matched as word prefixes on lower-cased text.
 *
 * @module pipeline/stages/extract-statistics/statistics-data
 */
import { CARDINALS } from '../../text/number-words.ts'

/** How strongly a counted noun signals an aggregate figure. */
export type NounStrength = 'strong' | 'weak'

/** A counted noun: word prefix → unit, strength. */
export interface CountNoun {
  readonly stem: string
  readonly unit: string
  /**
   * `strong`: crimes, cases, offences — counts of them are statistics by themselves.
   * `weak`: people, kilograms, groups — also counted in single cases, so they need a cue.
   */
  readonly strength: NounStrength
}

const strong = (unit: string, stems: string): CountNoun[] =>
  stems.split(/\s+/u).map((stem) => ({ stem, unit, strength: 'strong' as const }))
const weak = (unit: string, stems: string): CountNoun[] =>
  stems.split(/\s+/u).map((stem) => ({ stem, unit, strength: 'weak' as const }))

/** Counted nouns, longest stems first at match time. */
export const COUNT_NOUNS: readonly CountNoun[] = [
  ...strong(
    'crimes',
    'crime offence offense преступлен правонарушен наркопреступлен злодеян қылмыс құқықбұзушылы',
  ),
  // Road accidents and incidents are counted over a period, rarely one by one.
  ...strong('accidents', 'accident дтп аварий происшеств инцидент incident оқиға апат'),
  ...weak('applications', 'appeal application заявлени өтініш'),
  ...weak('arrests', 'arrests detentions задержани'),
  // Named kinds of crime counted as such ("3 тыс. краж", "15 murders", "40 ұрлық").
  ...strong(
    'crimes',
    'thefts robberies murders homicides burglaries rapes kidnappings frauds краж кража грабеж ' +
      'разбо убийств мошенничеств изнасилован вымогательств взяточничеств ұрлық тонау алаяқтық ' +
      'өлтіру зорлау қарақшылық бопсалау',
  ),
  ...strong('violations', 'violations нарушени бұзушылық'),
  ...strong('points', 'point points балл баллов ұпай'),
  // Kazakh "дерек" (a recorded fact, i.e. a case): "64 контрабанда дерегі", "1 140 дерегі".
  ...strong('cases', 'case дел уголовных факт іс ісі істер фактісі фактілер дерек дерег'),
  ...strong('investigations', 'investigation расследован тергеу'),
  ...weak('sentences', 'sentences verdict приговор үкім'),
  ...strong('complaints', 'complaint жалоб обращен арыз шағым'),
  ...strong('fugitives', 'fugitive'),
  ...strong('pyramids', 'pyramid пирамид пирамида'),
  ...strong('deaths', 'death смерт suicide самоубийств суицид'),
  ...strong('recommendations', 'recommendation рекомендац'),
  ...strong('treaties', 'treaties договор'),
  ...weak(
    'persons',
    'person people individual citizen resident offender suspect convict prisoner detainee ' +
      'victim official officer member criminal defendant worker employee participant inmate ' +
      'лиц человек гражд жител осужд заключен потерпевш подозрева задержан преступник член ' +
      'сотрудник участник чиновник должностн обвиняем фигурант ' +
      'адам азамат тұрғын сотталғ күдікті қылмыскер мүше өкіл қызметкер ' +
      // Wanted persons, victims, minors and other counted populations.
      'разыскиваем беглец жәбірленуш ізделуш іздеудегі қашқын несовершеннолетн подрост детей ' +
      'женщин иностран мигрант водител minors children juveniles women foreigners migrants ' +
      'drivers бала кәмелетке әйел шетелдік жүргізуш',
  ),
  ...weak('groups', 'group опг опс групп банд топ'),
  ...weak('centers', 'center centre центр орталы'),
  ...weak('channels', 'channel канал арна'),
  ...weak('laboratories', 'laborator лаборатор нарколаборатор зертхана'),
  ...weak('websites', 'website site сайт'),
  ...weak('chats', 'chat чат'),
  // Joint operations and raids counted over a period ("3 joint operations in 2025").
  ...weak('operations', 'operations операци операция'),
  ...weak('calls', 'call звонк вызов қоңырау'),
  ...strong('protocols', 'протокол хаттама'),
  ...weak('arrests', 'арест'),
  ...weak('reports', 'reports'),
  ...weak('messages', 'message сообщени хабарлам'),
  ...weak('devices', 'device sim устройств'),
  ...weak('prisons', 'prison camp колони тюрьм'),
  ...weak('hospitals', 'hospital'),
  ...weak('diagnoses', 'diagnos'),
  ...weak('tons', 'ton тонн тонна'),
  ...weak('kg', 'kg kilogram кг килограмм келі'),
  ...weak('graffiti', 'graffiti граффити графит'),
  ...weak('deaths', 'died умерл погиб'),
  ...weak('persons', 'ұры вор thieves'),
]

/** Words that never head a counted noun phrase right after a number (units of time, age). */
export const DURATION_RE =
  /^[\s-]*(?:years?|yrs?|months?|weeks?|days?|hours?|minutes?|seconds?|лет(?!\p{L})|год(?:а|ов)?(?!\p{L})|месяц|недел|дн(?:я|ей)(?!\p{L})|день|час|минут|сут|жыл(?!ы(?!\p{L}))|ай(?!\p{L})|айға|айдан|апта|күн|сағат|мерзім|-?year-old|-?летн|-?жаст|жастағы|years? old)/iu

/** Words before a number that make it an article, part or item number. */
export const LEGAL_NUMBER_RE =
  /(?:article|art\.|part|paragraph|para\.|clause|section|chapter|item|No\.|№|number|статьи|статья|статьей|ст\.|части|часть|ч\.|пункт[аеу]?|п\.|пп\.|глав[аы]|бап|бабы|бабының|бөлігі|тармақ|код|code|tel\.|тел\.)\s*$/iu

/** A kazakh article/part number written with a suffix ("190-бабы", "3-бөлігі"). */
export const LEGAL_SUFFIX_RE =
  /^-?(?:бап|баб|бөлі|тармақ|ші(?!\p{L})|шы(?!\p{L})|інші|ыншы|st\b|nd\b|rd\b|th\b|й(?!\p{L})|го(?!\p{L})|я(?!\p{L})|е(?!\p{L}))/iu

/** Month names, to skip day numbers in dates. */
export const MONTH_RE =
  /^(?:(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)(?!\p{L})|январ|феврал|марта?(?!\p{L})|апрел|мая(?!\p{L})|май(?!\p{L})|июн[яье]|июл[яье]|августа?(?!\p{L})|сентябр|октябр|ноябр|декабр|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан(?!\p{L})|қараша|желтоқсан)/iu

/** Scale words after a number. */
export const SCALES: readonly { readonly re: RegExp; readonly factor: number }[] = [
  { re: /^\s*(?:billion|bln|bn|млрд\.?|миллиард\p{L}*)/iu, factor: 1e9 },
  { re: /^\s*(?:million|mln|mn|млн\.?|миллион\p{L}*)/iu, factor: 1e6 },
  { re: /^\s*(?:thousand|тыс\.?|тысяч\p{L}*|мың\p{L}*)/iu, factor: 1e3 },
]

/** Percent after a number (after any scale word). */
export const PERCENT_RE = /^\s*(?:%|percent\b|per cent\b|процент\p{L}*|пайыз\p{L}*)/iu

/** Number words per language, in the forms used for counting. */
export const NUMBER_WORDS = CARDINALS

/**
 * "one in four", "каждое пятое", "әрбір бесінші" and the like: the share in percent. Russian
 * ordinals are matched by their stem (every gender and case).
 */
export const ONE_IN_RE =
  /(?:\bone in |(?<!\p{L})кажд(?:ый|ое|ая|ого|ую|ой) |(?<!\p{L})әрбір )(two|three|four|five|six|ten|втор|трет|четв[её]рт|пят|шест|десят|екінші|үшінші|төртінші|бесінші|оныншы)(?!\p{L}{4})/iu

/** The denominators of {@link ONE_IN_RE}. */
export const ONE_IN: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  ten: 10,
  втор: 2,
  трет: 3,
  четверт: 4,
  четвёрт: 4,
  пят: 5,
  шест: 6,
  десят: 10,
  екінші: 2,
  үшінші: 3,
  төртінші: 4,
  бесінші: 5,
  оныншы: 10,
}

const AGGREGATE_CUES: readonly string[] = [
  'registered',
  'recorded',
  'identified',
  'detected',
  'uncovered',
  'in total',
  'a total of',
  'total',
  'overall',
  'number of',
  'statistic',
  'so far',
  'each year',
  'every year',
  'annually',
  'per year',
  'a year',
  'single month',
  'since',
  'over the past',
  'over the first',
  'during the year',
  'this year',
  'last year',
  'past year',
  'compared',
  'increase',
  'decrease',
  'decline',
  'growth',
  'fell',
  'fallen',
  'rose',
  'dropped',
  'months of',
  'half of',
  'operational',
  'underway',
  'numbered',
  'зарегистр',
  'выявлен',
  'выявил',
  'всего',
  'общее',
  'общий',
  'общая',
  'общей',
  'в общей',
  'с начала',
  'в этом году',
  'за этот год',
  'в прошлом году',
  'текущего года',
  'статистик',
  'за период',
  'ежегодно',
  'каждый год',
  'возбуждено',
  'возбуждены',
  'окончено',
  'заблокир',
  'за последние',
  'за год',
  'по итогам',
  'барлығы',
  'жалпы',
  'жыл басынан',
  'тіркел',
  'анықталд',
  'өткен',
  'жыл сайын',
  'биыл',
  'ағымдағы',
  'қозғал',
  'ашылды',
  'жауапқа тартылды',
  'тыйылды',
  'кесілді',
  // Stocks: people on a register or a list.
  'на учете',
  'на учёте',
  'wanted list',
  'в розыске',
  'есепте',
]

/** Cues that a sentence reports aggregate figures (not one case). */
export const AGGREGATE_CUE_RE = new RegExp(
  AGGREGATE_CUES.map((w) => `(?<!\\p{L})${w.replace(/ /gu, '\\s+')}`).join('|'),
  'iu',
)

/**
 * {@link AGGREGATE_CUE_RE} without its word-start look-behinds: a necessary test that scans
 * fast (a look-behind before each alternative is tried at every position of the sentence).
 */
export const AGGREGATE_CUE_HINT_RE = new RegExp(
  AGGREGATE_CUES.map((w) => w.replace(/ /gu, '\\s+')).join('|'),
  'iu',
)

/** Cues of a decrease near a percentage or change figure. */
export const DECREASE_RE =
  /(?:fall(?:en)?|fell|decrease[ds]?|declin(?:e[ds]?|ing)|drop(?:ped|s)?|down|reduc(?:ed|tion)|lower|снизил|снижени|сократил|сокращени|уменьшил|уменьшени|меньше|упал|төмендед|азайд|қысқард)/iu

/**
 * Cues that the sentence is about one case or person, not a population. Kazakh nouns stay
 * singular after a numeral ("160 қылмыстық топтың", "317 күдікті"), so Kazakh singulars mark one
 * case only after a demonstrative or with no numeral before them.
 */
export const SINGLE_CASE_RE =
  /(?:\bone of (?:them|the cases)|одно из них|одной из|по другим|біреу|бірінде|профит|\bprofit\b|\breturns?\b|\binterest\b|\bpromis|доходност|годовых|\b(?:in|involved in|on) (?:the|this|that) case\b|(?<!\p{L})(?:бұл|осы|сол|аталған) іс бойынша|\bto (?:a|one) (?:single )?victim\b|(?<!\p{L})(?:одному|одной) потерпевш\p{L}*|(?<!\p{L})бір жәбірленуші\p{L}*|по (?:этому |данному )?делу(?!\p{L})|спецоперац|during the (?:special )?operation|в ходе операции|арнайы операция|в одн(?:ом|ой) (?!месяц|год|недел|день)|\bin (?:a|one) (?:single )?(?:flat|apartment|house|shop|store|car|truck|wagon|raid|search)\b|\b(?:of|by|in) (?:the|this|that) (?:group|gang|scheme|pyramid|company|network|cell|ring)\b|(?:этой|данной|этого|данного) (?:групп|пирамид|сет|банд|схем)|\bthe (?:suspect|defendant|accused|convict|detainee|fugitive)(?!s)\b|(?<!\p{L})(?:подозреваемый|обвиняемый|осужденный|осуждённый|задержанный|фигурант)(?!\p{L})|(?:күдікті|сотталушы)(?<!\p{L}(?:күдікті|сотталушы))(?<!\d[\s\u00a0](?:\p{L}{1,20}[\s\u00a0])?(?:күдікті|сотталушы))(?!\p{L})|\b(?:one|a single) (?:scheme|group|gang|call[- ]cent(?:re|er)|operation|raid|network)\b|\bthe (?:group|gang|ring|scheme|call[- ]cent(?:re|er))(?!s)\b|\b(?:a|the) call[- ]cent(?:re|er)\b(?!s)|(?<!\p{L})одн(?:ой|ого|им|у|а) (?:преступн\p{L}* )?(?:групп|схем|операци|колл-центр|банд|рейд)|колл-центр(?:а|е|ом)?(?!\p{L})|(?<!\p{L})(?:ликвидировал\p{L}*|обезвредил\p{L}*|пресекл\p{L}*) (?:деятельность )?(?:\p{L}+ )?(?:групп[уы]|ОПГ|банд[уы]|сеть|схему)(?!\p{L})|(?<!\p{L})бір (?:операция|рейд|тінту|топ|схема|колл)|колл-орталық(?!тар)|(?<!\p{L})(?:задержан[аы]?|задержали|арестован[аы]?|осужд[её]н[аы]?) (?:\p{L}+ )?(?:мужчин[аы]|женщин[аы]|жител[ья]|жительниц[аы]|гражданин[а]?|гражданк[аи]|парн[яь]|девушк[аи]|иностранц?[аы]?)(?!\p{L})|(?<!\p{L})(?:который|которая) (?:\p{L}+ )?(?:обманул|похитил|убил|продал|присвоил|вымогал|совершил)|\b(?:a|the) (?:\d+-year-old )?(?:man|woman|resident|local|citizen|foreigner|businessman|official) (?:who|whom)\b|(?<!\p{L})(?:ер адам|тұрғыны|азаматша)(?!\p{L})|(?:деятельност|действи|жертв|вкладчик)\p{L}* (?:\p{L}+ )?(?:групп[ыи]|ОПГ|банды|пирамиды|схемы|колл-центра|компании)(?!\p{L})|(?<!\p{L})(?:осы|бұл|сол|аталған) (?:топ|пирамида|схема)\p{L}*|\d-year-old(?!s)|\d-летн(?:ий|яя|его|ей|ему|юю|им)(?!\p{L})|\b(?:a|the) (?:man|woman|resident|local|citizen|foreigner|businessman) (?:was|has been|had been)\b|\ba (?:fraud(?:ulent)? |financial |pyramid |ponzi )?scheme\b|(?<!\p{L})(?:схема|схеме|схему|схемой|пирамида|пирамиду|пирамидой|организатор(?:а|ом|у)?|ұйымдастырушы(?:сы)?)(?!\p{L})|\bthe (?:organi[sz]er|mastermind|ringleader)\b)/iu

/**
 * Modifiers that look like counted nouns but qualify the noun after them ("criminal cases",
 * "уголовных дел", "қылмыстық топ"): skipped when looking for the head noun.
 */
export const MODIFIER_RE =
  /^(?:criminal|уголовн\p{L}*|преступн(?:ый|ая|ое|ые|ых|ой|ого|ому|ым|ыми|ую)|қылмыстық|organized|organised|ұйымдасқан)$/iu
