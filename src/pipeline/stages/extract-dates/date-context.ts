/**
 * Context rules that drop a found date: page furniture left in the content (timestamps, "date"
 * header lines, copyright years), birth years, years inside titles, and years that only give the
 * period of a statistic or of a trend (gold README, "dates": Exclude). Each rule looks at a
 * bounded window around the hit, so the whole check is linear in the number of hits.
 *
 * @module pipeline/stages/extract-dates/date-context
 */
import type { DateHit } from './find-dates.ts'

const TIME_AFTER = /^,?\s{0,2}\d{1,2}:\d{2}/u
const TIME_BEFORE = /\d{1,2}:\d{2}\s{0,2}[,/|•-]?\s{0,2}$/u
const HEADER_LINE =
  /(?:^|\n|[|•])[ \t]*(?:date|дата|published|posted|опубликован[оа]?|обновлен[оа]?|обновлён|updated|last\s+updated|last\s+modified|жаңартылды|жарияланды|жарияланған\s+күні|күні)(?:\s+on)?[: \t]+$/iu
// "ASTANA, March 3 —", "АЛМАТЫ, 3 марта (Reuters) –", "Kazakhstan, Astana, September 9/ Trend":
// a dateline opens a line with one or two place names and closes with a dash or slash; it is page
// furniture like a header date (dev gold leaves its date out).
const DATELINE_BEFORE =
  /(?:^|\n)[ \t]*(?:[\p{Lu}][\p{L}'’-]*(?:[ \t]+[\p{Lu}][\p{L}'’-]*){0,2}[ \t]*[,.][ \t]*){1,2}$/u
const DATELINE_AFTER =
  /^,?[ \t]*(?:\d{4}[ \t]*)?(?:\([^()\n]{1,30}\)[ \t]*)?(?:[—–/]|-{1,2}[ \t]|\.[ \t]*(?:[\p{Lu}][\p{L}-]*[ \t]*)?[—–-])/u
// A date alone on its line ("19 October 2023", "11 Қыркүйек 2023, 11:18") is a header date.
const LINE_START_BEFORE = /(?:^|\n)[ \t]*(?:[\p{L}]{2,12},?[ \t]+)?$/u
const LINE_END_AFTER = /^[ \t]*(?:[,|/][ \t]*)?(?:\d{1,2}:\d{2}[^\n]{0,24})?(?:\n|$)/u
const COPYRIGHT = /(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?$/iu
const BIRTH_BEFORE = /\bborn\b[^.;,\n]{0,30}$|родил\p{L}*\s+(?:в\s+)?$|туған\s+$/iu
const BIRTH_AFTER = /^\s*(?:года\s+рождения|г\.\s?р\.|г\.р\.|жылы\s+туған|ж\.\s?т\.)/iu
const TITLE_NOUN =
  'Report|Index|Survey|Strategy|Act|Programme|Program|Plan|Concept|Review|Census|Yearbook|Assessment|Convention|Olympics|Games|Expo|Vision|Agenda|Rating|Ranking'
const TITLE_AFTER = new RegExp(
  `^\\s+(?:index|ranking|rating|census)\\b|^\\s+(?:(?:[\\p{Lu}][\\p{L}'’-]*|in|on|of|and|for|the|&)\\s+){0,6}(?:${TITLE_NOUN})\\b|^(?:\\s*[-–]\\s*(?:19|20)\\d{2})?["”»]`,
  'u',
)
const TITLE_BEFORE =
  /(?:Act|Code|Law|Convention|Strategy|Programme|Program|Plan|Vision|Map|Report)\s+(?:of\s+)?$/u
const PERIOD_BEFORE =
  /(?:\b[QH][1-4]\s+|по\s+итогам\s+|итоги\s+|\b(?:months?|quarters?|half|weeks?)\s+(?:of\s+)?(?:the\s+)?(?:year\s+)?|(?:месяц\p{L}*|квартал\p{L}*|полугоди\p{L}*|недел\p{L}*)\s+|(?:^|[^\p{L}])за\s+(?:период\s+)?(?:с\s+)?(?:\d{4}\s+по\s+)?|(?:\bthan|\bcompared\s+(?:to|with)|(?:^|[^\p{L}])чем|по\s+сравнению\s+с)\s+(?:(?:in|в)\s+)?(?:the\s+)?|\d[\d,.]*\s+in\s+|(?:^|[^\p{L}])ай\p{L}*\s+)$/iu
const AGGREGATE_VERB =
  /\b(?:carried\s+out|conducted|seized|detained|arrested|confiscated|blocked|closed|shut\s+down|convicted|sentenced)\b|осужден\p{L}*|сотталды|проведен\p{L}*|провел\p{L}*|изъя\p{L}*|задержа\p{L}*|пресечен\p{L}*|жүргізіл\p{L}*|ұсталды|тәркіле\p{L}*|жабылды/iu
const SERIES_HEAD = /^(?:\s*[-–]\s*(?:19|20)\d{2})?\s*:\s*\d/u
const STAT_VERB =
  /\b(?:registered|recorded|uncovered|identified|detected|solved|located|reported|increased|decreased|rose|fell|declined|grew|handed\s+(?:out|down)|opened|initiated|convicted|committed|there\s+were)\b|совершен\p{L}*|произошл\p{L}*|зафиксирован\p{L}*|осужден\p{L}*|сотталды|жасалды|орын\s+алды|болды|зарегистрир\p{L}*|выявлен\p{L}*|раскрыт\p{L}*|возбужден\p{L}*|тіркел\p{L}*|анықта\p{L}*|тәркіле\p{L}*|изъят\p{L}*|өсті|азайды/iu
// "возбуждено одно дело", "handed out six sentences": a count written in words.
const COUNTED_WORDS =
  /(?:^|[^\p{L}])(?:одн[оаи]|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|one|two|three|four|five|six|seven|eight|nine|ten|бір|екі|үш|төрт|бес)\s+(?:уголовн\p{L}*\s+|criminal\s+)?(?:дел[оа]?|факт\p{L}*|преступлен\p{L}*|cases?|crimes?|sentences|verdicts|іс|қылмыс\p{L}*)(?![\p{L}])/iu
const QUANTITY =
  /\d{2,}|\d\s*(?:тыс|млн|мың|thousand|million)|\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b/iu
const PERCENT =
  /\d\s?%|\btrends?\b|тенденци\p{L}*|\d\s+(?:percent|per\s+cent|процент\p{L}*|пайыз\p{L}*)|statistic|статисти\p{L}*|статистика/iu
const COUNTED =
  /\d[\d,. ]*\s+(?:(?:тыс\.?|thousand|мың)\s+)?(?:crimes|cases|offen[cs]es|criminal\s+cases|преступлени\p{L}*|дел|уголовных\s+дел|фактов|қылмыс\p{L}*|іс)(?![\p{L}])/iu
// "87 murders", "1 204 кражи", "312 ұрлық": a count of two or more digits of offences of one kind.
const COUNTED_OFFENCES =
  /\d[\d,. ]*\d\s+(?:(?:тыс\.?|thousand|мың)\s+)?(?:murders|homicides|accidents|дтп|авари\p{L}*|thefts|robberies|burglaries|assaults|frauds|incidents|violations|offenders|убийств\p{L}*|краж\p{L}*|грабеж\p{L}*|разбо\p{L}*|мошенничеств\p{L}*|правонарушени\p{L}*|нарушени\p{L}*|случа\p{L}*|кісі\s+өлтіру|ұрлық\p{L}*|алаяқтық\p{L}*|тонау\p{L}*|дерек\p{L}*|факт\p{L}*|құқық\s+бұзушылық\p{L}*)(?![\p{L}])/iu
const NOT_QUANTITY =
  /(?:article|part|clause|стать\p{L}*|част\p{L}*|пункт\p{L}*|бап\p{L}*)\s+\d+|(?:19|20)\d{2}|\d+\s+(?:years?|months?|days?|лет|года?|месяц\p{L}*|дн\p{L}*|жыл\p{L}*|ай\p{L}*|тәулік\p{L}*)(?![\p{L}])/giu

/** True when the hit is furniture, a birth year, part of a title, or a statistic's period. */
export function isExcludedByContext(text: string, hit: DateHit): boolean {
  const before = text.slice(Math.max(0, hit.start - 60), hit.start)
  const after = text.slice(hit.end, hit.end + 90)
  if (TIME_AFTER.test(after) || TIME_BEFORE.test(before)) return true
  if (HEADER_LINE.test(before) || COPYRIGHT.test(before)) return true
  if (DATELINE_BEFORE.test(before) && DATELINE_AFTER.test(after)) return true
  if (hit.iso.length >= 7 && LINE_START_BEFORE.test(before) && LINE_END_AFTER.test(after))
    return true
  // Years, and relative months or years ("last week", "в этом году"), can be a statistic's period.
  const periodLike = hit.bareYear || (hit.relative && hit.iso.length <= 7)
  if (!periodLike && !/^\d{4}$/.test(hit.iso)) return false
  if (BIRTH_BEFORE.test(before) || BIRTH_AFTER.test(after)) return true
  if (hit.bareYear && (TITLE_AFTER.test(after) || TITLE_BEFORE.test(before))) return true
  if (PERIOD_BEFORE.test(before.slice(-36))) return true
  // "Registered Thefts in the Region: 2001-2010: 3,412 in 2001; …" heads a statistic series.
  if (SERIES_HEAD.test(after)) return true
  if (!periodLike) return false
  // "In 2003, 2,918 thefts were registered": the year is the statistic's period.
  const sentence = sentenceAround(text, hit)
  const rest = sentence.replace(NOT_QUANTITY, '')
  if (PERCENT.test(sentence) || COUNTED.test(rest) || COUNTED_OFFENCES.test(rest)) return true
  const counted = QUANTITY.test(rest) || COUNTED_WORDS.test(sentence)
  // "Last year police carried out 14 operations": a count over a relative period is an aggregate.
  if (hit.relative && counted && AGGREGATE_VERB.test(sentence)) return true
  return STAT_VERB.test(sentence) && counted
}

/** The sentence around a hit, at most 300 characters either side. */
function sentenceAround(text: string, hit: DateHit): string {
  const left = text.slice(Math.max(0, hit.start - 300), hit.start)
  const right = text.slice(hit.end, hit.end + 300)
  const l = Math.max(left.lastIndexOf('. '), left.lastIndexOf('\n'))
  const rm = /[.!?](?:\s|$)|\n/.exec(right)
  return (
    left.slice(l + 1) + text.slice(hit.start, hit.end) + (rm ? right.slice(0, rm.index) : right)
  )
}
