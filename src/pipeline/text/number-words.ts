/**
 * Cardinal number words in en/ru/kk, shared by the stages that read written numbers (money,
 * dates, statistics, events). Stages that need more forms ("a", "half a", "полтора") add them.
 *
 * @module pipeline/text/number-words
 */
import type { Lang } from '#core/lang.ts'

/** Number words per language, in the forms used for counting. */
export const CARDINALS: Readonly<Record<Lang, Readonly<Record<string, number>>>> = {
  en: {
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
    'eighty-nine': 89,
  },
  ru: {
    один: 1,
    одно: 1,
    одна: 1,
    два: 2,
    две: 2,
    двое: 2,
    двух: 2,
    три: 3,
    трое: 3,
    трех: 3,
    трёх: 3,
    четыре: 4,
    четырех: 4,
    пять: 5,
    пяти: 5,
    шесть: 6,
    шести: 6,
    семь: 7,
    семи: 7,
    восемь: 8,
    восьми: 8,
    девять: 9,
    девяти: 9,
    десять: 10,
    десяти: 10,
  },
  kk: {
    бір: 1,
    екі: 2,
    үш: 3,
    төрт: 4,
    бес: 5,
    алты: 6,
    жеті: 7,
    сегіз: 8,
    тоғыз: 9,
    он: 10,
    жиырма: 20,
  },
}

/** The words of every language in one table, for looking up a word a pattern already matched. */
export const ANY_CARDINAL: Readonly<Record<string, number>> = {
  ...CARDINALS.en,
  ...CARDINALS.ru,
  ...CARDINALS.kk,
}
