/**
 * Frequent function words of Russian and Kazakh, and Kazakh case/possessive suffixes, used to
 * tell the two Cyrillic languages apart on short texts. Lists written by the Tergeu authors from
 * general grammar knowledge (closed-class words), no third-party source. Licence: MIT.
 *
 * @module pipeline/stages/detect-language/language-data
 */

/** Russian closed-class words that do not occur as Kazakh words. */
export const RUSSIAN_WORDS: ReadonlySet<string> = new Set(
  (
    'и в во не на что с со по за из к ко от до о об для при как это так но или а же ли бы ' +
    'его ее её их он она они мы вы я был была были было быть будет который которая которые ' +
    'года году год также уже более после этом этого том чем только все всех был между ' +
    'против через под над без может сообщили сообщает стало время где когда если то еще ещё ' +
    'ранее отношении является этой этих сотрудники области города района задержан задержали'
  ).split(/\s+/u),
)

/** Kazakh closed-class and very frequent words. */
export const KAZAKH_WORDS: ReadonlySet<string> = new Set(
  (
    'және мен бен пен деп деді бойынша жылы жыл бұл осы сол үшін арқылы кейін дейін туралы ' +
    'бар жоқ емес болды болып болса болған еді ал да де та те ғана бірақ немесе тағы сондай ' +
    'қатысты қарай сайын барлық көп аса астам оның оны олар біз сіз ол ретінде кезде ' +
    'хабарлайды мәлімдеді айтты атап өтті тарапынан ішінде қазір бүгін кеше биыл'
  ).split(/\s+/u),
)

/**
 * Kazakh case, possessive and participle endings that Russian words do not have (endings shared
 * with Russian, such as -на, -да, -тан in "Казахстан", are left out on purpose).
 */
export const KAZAKH_SUFFIXES: readonly string[] = [
  'ның',
  'нің',
  'дың',
  'дің',
  'тың',
  'тің',
  'ға',
  'қа',
  'ында',
  'інде',
  'ынан',
  'інен',
  'ынан',
  'лары',
  'лері',
  'дары',
  'дері',
  'тары',
  'тері',
  'ған',
  'ген',
  'қан',
  'кен',
  'ді',
]
