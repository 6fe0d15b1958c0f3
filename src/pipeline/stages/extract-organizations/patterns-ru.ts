/**
 * Russian organisation names built from a head noun: `[adjectives] HEAD [complement]`, e.g.
 * "специализированным межрайонным судом Актюбинской области", "управления полиции
 * Степногорска", "Департамент по борьбе с организованной преступностью МВД РК", "ДП г.
 * Алматы". The head and its adjectives are put back into the nominative; the complement (a
 * genitive or `по`-phrase) is kept as written. A body named inside the complement
 * ("департамента полиции Мангистауской области" inside "управление по противодействию
 * киберпреступности департамента полиции …") is a mention of its own.
 *
 * Everything is a bounded left-to-right walk over tokens: linear in the text.
 *
 * @module pipeline/stages/extract-organizations/patterns-ru
 */
import type { OrganizationKind } from '#core/facts.ts'
import { type Candidate, keyOf, kindFromName, matchCase, writeName } from './candidate.ts'
import { filterKey, firstWordFilter } from './lexicon.ts'
import {
  adjectiveStem,
  adjectiveToNominative,
  declineNoun,
  type Gender,
  nounParadigm,
} from './morph-ru.ts'
import type { OrgToken } from './org-tokens.ts'
import { cyrPlaceCode, RU_COUNTRY_QUALIFIERS, RU_DEMONYM_STEMS } from './places-data.ts'

interface Head {
  readonly lemma: string
  readonly gender: Gender
  readonly kind: OrganizationKind
  /** May stand without a complement ("горакимат", "хокимият"). */
  readonly bare: boolean
  /** May be a body of its own inside another name's complement. */
  readonly nested: boolean
}

const HEAD_SPEC: readonly [string, OrganizationKind, boolean, boolean][] = [
  ['департамент', 'government', false, true],
  ['управление', 'government', false, true],
  ['отдел', 'government', false, true],
  ['отделение', 'government', false, true],
  ['комитет', 'government', false, true],
  ['агентство', 'government', false, true],
  ['министерство', 'government', false, true],
  ['служба', 'government', false, false],
  ['пресс-служба', 'government', false, false],
  ['пресс-центр', 'government', false, false],
  ['прокуратура', 'prosecutor', false, true],
  ['суд', 'court', false, true],
  ['акимат', 'government', true, true],
  ['горакимат', 'government', true, true],
  ['облакимат', 'government', true, true],
  ['райакимат', 'government', true, true],
  ['хокимият', 'government', true, true],
  ['администрация', 'government', false, true],
  ['инспекция', 'government', false, true],
  ['центр', 'government', false, false],
  ['палата', 'government', false, true],
  ['коллегия', 'court', false, false],
  ['полиция', 'law_enforcement', false, false],
  ['дирекция', 'government', false, true],
  ['комиссия', 'government', false, true],
  ['подразделение', 'law_enforcement', false, true],
  ['маслихат', 'legislature', true, true],
  ['консульство', 'government', false, true],
  ['горсуд', 'court', false, true],
  ['облсуд', 'court', false, true],
  ['райсуд', 'court', false, true],
  ['горотдел', 'law_enforcement', false, true],
  ['райотдел', 'law_enforcement', false, true],
  ['горпрокуратура', 'prosecutor', false, true],
  ['облпрокуратура', 'prosecutor', false, true],
  ['мэрия', 'government', true, true],
  ['госкомитет', 'government', false, true],
  ['посольство', 'government', false, true],
]

const HEAD_FORMS = new Map<string, Head>()
for (const [lemma, kind, bare, nested] of HEAD_SPEC) {
  const gender = nounParadigm(lemma)?.gender ?? 'm'
  const head: Head = { lemma, gender, kind, bare, nested }
  for (const f of declineNoun(lemma)) HEAD_FORMS.set(f, head)
}

/** Abbreviated heads (case-sensitive) and the full type they stand for. */
const ABBREV_HEADS = new Map<string, { type: string; kind: OrganizationKind; bare: boolean }>([
  ['ДП', { type: 'департамент полиции', kind: 'law_enforcement', bare: false }],
  ['ГУ', { type: 'главное управление', kind: 'law_enforcement', bare: false }],
  ['ОП', { type: 'отдел полиции', kind: 'law_enforcement', bare: false }],
  ['ЛОП', { type: 'линейный отдел полиции', kind: 'law_enforcement', bare: false }],
  ['СМУС', { type: 'специализированный межрайонный уголовный суд', kind: 'court', bare: false }],
  [
    'СМЭС',
    { type: 'специализированный межрайонный экономический суд', kind: 'court', bare: false },
  ],
  [
    'СМАС',
    { type: 'специализированный межрайонный административный суд', kind: 'court', bare: false },
  ],
  ['УП', { type: 'управление полиции', kind: 'law_enforcement', bare: false }],
  ['ДВД', { type: 'департамент внутренних дел', kind: 'law_enforcement', bare: false }],
  ['ГУВД', { type: 'управление внутренних дел', kind: 'law_enforcement', bare: false }],
  ['УВД', { type: 'управление внутренних дел', kind: 'law_enforcement', bare: false }],
  ['РОВД', { type: 'отдел внутренних дел', kind: 'law_enforcement', bare: false }],
  ['ОВД', { type: 'отдел внутренних дел', kind: 'law_enforcement', bare: false }],
  ['ГОВД', { type: 'отдел внутренних дел', kind: 'law_enforcement', bare: false }],
  ['РУВД', { type: 'управление внутренних дел', kind: 'law_enforcement', bare: false }],
  ['ДКНБ', { type: 'департамент кнб', kind: 'security_service', bare: true }],
  [
    'ДЭР',
    { type: 'департамент экономических расследований', kind: 'law_enforcement', bare: false },
  ],
  ['ДАФМ', { type: 'департамент афм', kind: 'law_enforcement', bare: false }],
  ['ДГД', { type: 'департамент государственных доходов', kind: 'government', bare: false }],
  [
    'ДУИС',
    { type: 'департамент уголовно-исполнительной системы', kind: 'law_enforcement', bare: false },
  ],
  ['ДЧС', { type: 'департамент по чрезвычайным ситуациям', kind: 'government', bare: false }],
])

/** Lower-case genitive words that continue a name ("полиции", "внутренних дел", "финансов"). */
const GEN_WORDS = new Set(
  (
    'полиции внутренних дел юстиции финансов образования здравоохранения строительства экономики ' +
    'культуры спорта труда занятости социальной защиты населения земельных отношений архитектуры ' +
    'градостроительства жилищно-коммунального хозяйства пассажирского транспорта автомобильных дорог ' +
    'предпринимательства сельского энергетики природных ресурсов государственных доходов безопасности ' +
    'национальной государственной госбезопасности экономических расследований противодействия ' +
    'коррупции миграционной службы миграции наркопреступности киберпреступности уголовного розыска ' +
    'криминальной патрульной дорожной административной местной полицейской статистики туризма ' +
    'цифрового развития информации общественного здоровья чрезвычайных ситуаций обороны иностранных ' +
    'госдоходов госзакупок закупок ветеринарии экологии жилищной инспекции контроля надзора ' +
    'санитарно-эпидемиологического благополучия пробации уголовно-исполнительной системы психиатрии ' +
    'наркологии финансового мониторинга специальных учетов правовой статистики активов ' +
    'жилищно-коммунального коммунального жкх делам'
  ).split(' '),
)
const GEN_NOUN = /(?:ции|ства|ения|ания|ости|ики|уры|ений|аний|ний)$/
const GEN_ADJ = /(?:ого|его|ой|ей|ых|их)$/
const VERBISH = /(?:ли|ла|ло|ет|ют|ит|ят|ся|сь|ть|ешь|ем|им)$/
const PO_FIRST =
  /^(?:борьбе|противодействию|уголовным|гражданским|административным|экономическим|делам|финансовому|защите|вопросам|чрезвычайным|надзору|контролю|регулированию|развитию|обеспечению|расследованию|профилактике|правам|работе|охране|исполнению|городу|району|области|ювенальным|особо|специальным|расследованиям|возврату|правовой|предупреждению|обороне|государственным|кибербезопасности|информационной|миграции|делам)$/
const PO_WORD =
  /(?:ому|ему|ым|им|ыми|ими|ам|ям|ами|ями|ой|ей|ию|ии|ью|ом|ем|ов|ев|ых|их|ия|ости|ства|ения|ания|ции|ию|е|у|ю|а|ы|и)$/
/** Words that end a `по`-phrase ("судом по уголовным делам все 34 …"). */
const PO_STOP = new Set(
  'все всех всем его ее её их это этом этого эти был была были было ранее также тоже уже еще ещё году года лет суток время числе том тем как так что когда где после более менее около почти она они оно него нее неё них ним ними себя свою своих которые который которая которых'.split(
    ' ',
  ),
)
const PLACE_NOUNS = new Set([
  'области',
  'обл',
  'района',
  'р-на',
  'города',
  'г',
  'края',
  'округа',
  'села',
  'поселка',
  'аула',
  'республики',
  'столицы',
  'региона',
])
const ADJ_STOP =
  /^(?:котор|так|друг|эт|т|данн|кажд|св|наш|ваш|люб|сам|бывш|соответствующ|уполномоченн|перв|втор|нов|указанн|вышеуказанн|ин|сво|весь|всех|все|вся|одн|нескольк|нужн|необходим|должн|мест|территориальн|компетентн|следующ|последн|ближайш|прошл|текущ)$/

function isPlaceWord(t: OrgToken): boolean {
  return t.cap && t.isWord && cyrPlaceCode(t.norm, 3) !== null
}

/** The country a place word or qualifier points to, if any. */
export function cyrCountryOf(t: OrgToken): string | null {
  return RU_COUNTRY_QUALIFIERS.get(t.norm) ?? cyrPlaceCode(t.norm, 3)
}

/** Heads of local units: bare ("отдел полиции") they name no one body. */
const LOCAL_UNITS = new Set([
  'департамент',
  'управление',
  'отдел',
  'отделение',
  'прокуратура',
  'суд',
  'полиция',
  'подразделение',
  'инспекция',
  'центр',
  'служба',
  'пресс-служба',
  'пресс-центр',
])

interface Complement {
  readonly to: number
  /** Token indices where a nested body's mention starts (adjectives included). */
  readonly nested: number[]
  /** The complement names a place, a number or another body (the name is specific). */
  readonly specific: boolean
  /** Lower-case words that give the body's type ("полиции", "внутренних дел"). */
  readonly typeWords: string[]
  /** A `по`/`при` phrase says what the body does ("по борьбе с коррупцией"). */
  readonly described: boolean
}

/** Walks the complement of a head ending at token `i` (exclusive). */
function complement(
  tokens: readonly OrgToken[],
  i: number,
  lexAt: ReadonlyMap<number, Candidate>,
): Complement {
  let k = i
  let specific = false
  const nested: number[] = []
  const typeWords: string[] = []
  let adjStart = -1
  let steps = 0
  let described = false
  while (k < tokens.length && steps++ < 16) {
    const t = tokens[k]!
    if (k > i && t.nlBefore) break
    const lexTo = lexAt.get(k)?.to
    if (lexTo !== undefined) {
      k = lexTo
      specific = true
      adjStart = -1
      continue
    }
    if (!t.isWord) {
      if (t.text === '№' && /^\d+$/.test(tokens[k + 1]?.text ?? '')) {
        k += 2
        specific = true
        continue
      }
      if (t.text === '.' && tokens[k - 1]?.norm === 'г') {
        k++
        continue
      }
      break
    }
    const head = HEAD_FORMS.get(t.norm)
    if (head) {
      if (head.nested) nested.push(adjStart >= 0 ? adjStart : k)
      // "полиции", "службы" in a complement say what kind of body it is.
      else typeWords.push(t.norm)
      adjStart = -1
      k++
      continue
    }
    if (t.upper && t.text.length <= 6) {
      // "пресс-служба ДП г. Алматы": the abbreviated body is a mention of its own.
      if (ABBREV_HEADS.has(t.text)) nested.push(k)
      k++
      specific = true
      adjStart = -1
      continue
    }
    if (t.norm === 'по' || t.norm === 'при') {
      described = true
      const next = tokens[k + 1]
      if (!next?.isWord) break
      const ok =
        t.norm === 'по'
          ? PO_FIRST.test(next.norm) || next.cap || next.upper || GEN_ADJ.test(next.norm)
          : next.cap || next.upper
      if (!ok) break
      k += 1
      let run = 0
      while (k < tokens.length && run < 6) {
        const w = tokens[k]!
        if (w.nlBefore) break
        const lex = lexAt.get(k)
        if (lex) {
          k = lex.to
          specific = true
          run++
          continue
        }
        if (!w.isWord) {
          if (w.text === '.' && tokens[k - 1]?.norm === 'г') {
            k++
            continue
          }
          break
        }
        // "по контролю за наркотиками", "по борьбе с …": a preposition inside the phrase.
        if (w.norm === 'с' || w.norm === 'со' || w.norm === 'и' || w.norm === 'за') {
          if (tokens[k + 1]?.isWord && run > 0) {
            k++
            continue
          }
          break
        }
        if (w.upper || isPlaceWord(w) || PLACE_NOUNS.has(w.norm)) {
          if (w.upper || w.cap) specific = true
          k++
          run++
          continue
        }
        if (w.cap && PLACE_NOUNS.has(tokens[k + 1]?.norm ?? '')) {
          specific = true
          k++
          run++
          continue
        }
        if (w.cap && tokens[k - 1] && PLACE_NOUNS.has(tokens[k - 1]!.norm)) {
          specific = true
          k++
          run++
          continue
        }
        if (
          !w.cap &&
          PO_WORD.test(w.norm) &&
          !VERBISH.test(w.norm) &&
          w.norm.length > 2 &&
          !PO_STOP.has(w.norm)
        ) {
          if (HEAD_FORMS.has(w.norm) && run > 0) break
          k++
          run++
          continue
        }
        break
      }
      // Drop a dangling connective.
      while (k > i && /^(?:с|со|и|за|по|при)$/.test(tokens[k - 1]!.norm)) k--
      adjStart = -1
      continue
    }
    if (t.norm === 'на' && tokens[k + 1]?.norm === 'транспорте') {
      k += 2
      typeWords.push('на транспорте')
      continue
    }
    if (PLACE_NOUNS.has(t.norm)) {
      k++
      adjStart = -1
      continue
    }
    if (t.cap && !t.upper) {
      const prev = tokens[k - 1]
      const next = tokens[k + 1]
      if (
        isPlaceWord(t) ||
        RU_COUNTRY_QUALIFIERS.has(t.norm) ||
        (prev && (PLACE_NOUNS.has(prev.norm) || prev.text === '.')) ||
        (next && PLACE_NOUNS.has(next.norm) && GEN_ADJ.test(t.norm))
      ) {
        specific = true
        k++
        adjStart = -1
        continue
      }
      // "Республики Казахстан"
      if (t.norm === 'республики' && tokens[k + 1]?.cap) {
        k += 2
        specific = true
        continue
      }
      break
    }
    if (GEN_WORDS.has(t.norm) || (GEN_NOUN.test(t.norm) && !VERBISH.test(t.norm))) {
      typeWords.push(t.norm)
      k++
      adjStart = -1
      continue
    }
    if (
      GEN_ADJ.test(t.norm) &&
      !ADJ_STOP.test(adjectiveStem(t.norm)?.stem ?? '') &&
      tokens[k + 1]?.isWord
    ) {
      // An adjective continues the name only if a noun that does follows it.
      if (adjStart < 0) adjStart = k
      k++
      continue
    }
    break
  }
  // Trailing adjectives without their noun are not part of the name.
  if (adjStart >= 0) k = adjStart
  while (k > i && !tokens[k - 1]!.isWord && tokens[k - 1]!.text !== '№') k--
  return { to: k, nested: nested.filter((n) => n < k), specific, typeWords, described }
}

/** Finds head-based Russian names. `lexEnd` maps a lexicon hit's first token to its end. */
export function recognizeRu(
  text: string,
  tokens: readonly OrgToken[],
  lexAt: ReadonlyMap<number, Candidate>,
): Candidate[] {
  const out: Candidate[] = []
  const lexEndingAt = new Map<number, Candidate>()
  for (const c of lexAt.values()) lexEndingAt.set(c.to - 1, c)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!t.isWord) continue
    // Every word is asked: table reads turn most away before any map look-up.
    const slot = filterKey(t.norm)
    if (MAY_BE_POST[slot] === 1 && POST_FORMS.has(t.norm)) {
      const post = customsPost(text, tokens, i)
      if (post) {
        out.push(post)
        i = post.to - 1
      }
      continue
    }
    const abbrev = MAY_BE_ABBREV[filterKey(t.text)] === 1 ? ABBREV_HEADS.get(t.text) : undefined
    const head = abbrev ? null : MAY_BE_HEAD[slot] === 1 ? HEAD_FORMS.get(t.norm) : undefined
    if (!abbrev && !head) continue
    // Adjectives before the head.
    let from = i
    let named = false
    while (!abbrev && from > 0 && i - from < 3) {
      const p = tokens[from - 1]!
      if (!p.isWord || lexAt.has(from - 1) || tokens[from]!.nlBefore) break
      // Genitive plural nouns look like adjectives ("расследований", "управлений").
      if (/(?:ний|ций|лий|вий|дий|тий)$/.test(p.norm)) break
      const stem = adjectiveStem(p.text)
      if (!stem || ADJ_STOP.test(stem.stem.toLowerCase())) break
      if (
        !/(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ые|ие|ых|их|ей)$/.test(p.norm)
      )
        break
      if (VERBISH.test(p.norm) && !/(?:ем|им)$/.test(p.norm)) break
      from--
      if (p.cap && (!p.sentStart || isPlaceWord(p))) named = true
      // "алматинская полиция": a city has one police force (but "алматинский суд" is any court).
      if (head?.lemma === 'полиция' && cyrPlaceCode(p.norm, 3)) named = true
      if (RU_DEMONYM_STEMS.has(stem.stem.toLowerCase())) named = true
    }
    const comp = complement(tokens, i + 1, lexAt)
    // "агентство Kazinform", "банк Halyk": a genre word before a known name is no body of its own.
    const firstLex = lexAt.get(i + 1)
    if (
      firstLex &&
      (firstLex.kind === 'media' || firstLex.kind === 'company') &&
      comp.to === firstLex.to
    )
      continue
    const hasComp = comp.to > i + 1
    if (abbrev) {
      if (!hasComp && !abbrev.bare) continue
    } else if (head) {
      // "Областная прокуратура": the prosecutor's office of the document's region.
      const levelled =
        head.lemma === 'прокуратура' &&
        from < i &&
        tokens.slice(from, i).every((x) => PROSECUTOR_LEVEL.test(x.norm))
      if (!hasComp && !named && !head.bare && !levelled) continue
      if (head.lemma === 'полиция' && !comp.specific && !named) continue
      if (head.lemma === 'служба' && !hasComp) continue
      // "Алматинский суд" is any court of the city; "Алматинский городской суд" is one.
      if (head.lemma === 'суд' && !hasComp && i - from < 2) continue
    }
    const gender = head?.gender ?? 'm'
    const replace = new Map<number, string>()
    for (let a = from; a < i; a++) replace.set(a, adjectiveToNominative(tokens[a]!.text, gender))
    if (head) replace.set(i, matchCase(head.lemma, t.text))
    // A known body whose name ends in this head, with a region after it: "Антикоррупционная
    // служба по Алматинской области" is named from the known body's nominative.
    const known = lexEndingAt.get(i)
    if (known && known.from < from && comp.to > i + 1) {
      from = known.from
      named = true
      // "Государственная таможенная служба …": a qualifier before the known name is part of it.
      const q = tokens[from - 1]
      if (q?.isWord && !q.nlBefore && QUALIFIER_ADJ.test(q.norm) && !tokens[from]!.nlBefore) {
        from--
        replace.set(from, adjectiveToNominative(q.text, gender))
      }
    }
    const name =
      known && known.from === from
        ? known.name +
          text.slice(tokens[i]!.fullEnd, tokens[i + 1]!.start).replace(/\s+/g, ' ') +
          writeName(text, tokens, i + 1, comp.to)
        : writeName(text, tokens, from, comp.to, replace)
    const specific = named || comp.specific
    const type = abbrev ? abbrev.type : [head!.lemma, ...comp.typeWords].join(' ')
    const placeParts: string[] = []
    for (let k = from; k < comp.to; k++) {
      const lex = lexAt.get(k)
      if (lex) {
        placeParts.push(`id:${lex.orgId}`)
        k = lex.to - 1
        continue
      }
      const x = tokens[k]!
      if (k === i || !(x.cap || x.upper || /^\d+$/.test(x.text))) continue
      if (k === from && x.sentStart && !named) continue
      // "… Узбекистана", "… РК" only repeat the country.
      if (RU_COUNTRY_QUALIFIERS.has(x.norm)) continue
      // Adjectives before the head in the nominative, so that every case form keys alike.
      placeParts.push(keyOf(replace.get(k) ?? x.norm))
    }
    const placeKey = placeParts.join(' ')
    const kind = abbrev?.kind ?? kindFromName(name, head!.kind)
    out.push({
      from,
      to: comp.to,
      start: tokens[from]!.start,
      end: tokens[comp.to - 1]!.end,
      name,
      kind,
      country: undefined,
      orgId: null,
      key: specific ? `ru:${type}|${placeKey}` : `ru:${type}|`,
      generic: specific ? null : `ru:${type}`,
      // "отдел полиции" with no adjective and no place names no body unless it repeats one.
      ...(!specific && !comp.described && from === i && head && LOCAL_UNITS.has(head.lemma)
        ? { mergeOnly: true as const }
        : {}),
      source: 'pattern',
    })
    // Go on after the name, or at a body named inside its complement (it gets its own mention).
    const next = firstAfter(comp.nested, i) ?? comp.to
    i = Math.max(i, next - 1)
  }
  out.push(...distributive(tokens))
  return out
}

/**
 * The first index in `list` after `i`. Not a closure in the loop of `recognizeRu`: a closure
 * there would make every step of that loop allocate its variables.
 */
function firstAfter(list: readonly number[], i: number): number | undefined {
  for (const n of list) if (n > i) return n
  return undefined
}

/** Qualifiers that open a body's full name before a known short name. */
const QUALIFIER_ADJ = /^(?:государственн|национальн|главн|республиканск|центральн)\p{L}*$/u

/** Level adjectives of a prosecutor's office named without its place. */
const PROSECUTOR_LEVEL = /^(?:областн|городск|районн|межрайонн|транспортн|военн|столичн)/
/** Case forms of "пост" (a customs post). */
const POST_FORMS: ReadonlySet<string> = new Set(['пост', 'поста', 'посту', 'постом', 'посте'])
/** First-word filters of the words `recognizeRu` asks every token about. */
const MAY_BE_POST = firstWordFilter(POST_FORMS)
const MAY_BE_ABBREV = firstWordFilter(ABBREV_HEADS.keys())
const MAY_BE_HEAD = firstWordFilter(HEAD_FORMS.keys())

/** "таможенного поста «Хоргос»" → "таможенный пост «Хоргос»", with "пост" at token `i`. */
function customsPost(text: string, tokens: readonly OrgToken[], i: number): Candidate | null {
  const adj = tokens[i - 1]
  if (!adj?.isWord || !adj.norm.startsWith('таможенн') || tokens[i + 1]?.text !== '«') return null
  let close = i + 2
  while (close < tokens.length && close < i + 8 && tokens[close]!.text !== '»') close++
  if (tokens[close]?.text !== '»' || close === i + 2) return null
  const from = i - 1
  const quoted = text.slice(tokens[i + 1]!.start, tokens[close]!.end)
  const name = `${matchCase('таможенный', adj.text)} пост ${quoted}`
  return {
    from,
    to: close + 1,
    start: tokens[from]!.start,
    end: tokens[close]!.end,
    name,
    kind: 'government',
    country: undefined,
    orgId: null,
    key: `ru:${keyOf(name)}`,
    generic: null,
    source: 'pattern',
  }
}

/** Genitive plural heads: "районных отделов финансов и ЖКХ". */
const PLURAL_HEADS = new Map<string, string>([
  ['отделов', 'отдел'],
  ['управлений', 'управление'],
  ['департаментов', 'департамент'],
  ['судов', 'суд'],
  ['акиматов', 'акимат'],
  ['комитетов', 'комитет'],
])

/** An item of "по X и Y": an abbreviation or a genitive noun on the same line. */
function listItem(t: OrgToken): boolean {
  return t.isWord && !t.nlBefore && (t.upper || GEN_WORDS.has(t.norm) || GEN_NOUN.test(t.norm))
}

/**
 * A plural head over a list, "районных отделов финансов и ЖКХ", names one body per item:
 * "районный отдел финансов", "районный отдел ЖКХ" (the gold rules reconstruct such names).
 */
function distributive(tokens: readonly OrgToken[]): Candidate[] {
  const out: Candidate[] = []
  for (let i = 1; i + 3 < tokens.length; i++) {
    const lemma = PLURAL_HEADS.get(tokens[i]!.norm)
    if (!lemma) continue
    const adj = tokens[i - 1]!
    const a = tokens[i + 1]!
    const and = tokens[i + 2]!
    const b = tokens[i + 3]!
    if (!listItem(a) || and.norm !== 'и' || !listItem(b)) continue
    if (
      !adj.isWord ||
      !/(?:ых|их)$/.test(adj.norm) ||
      ADJ_STOP.test(adjectiveStem(adj.norm)?.stem ?? '')
    )
      continue
    const gender = nounParadigm(lemma)?.gender ?? 'm'
    const head = `${adjectiveToNominative(adj.text, gender)} ${lemma}`
    for (const [from, to, word] of [
      [i - 1, i + 2, a],
      [i + 3, i + 4, b],
    ] as const) {
      const name = `${head} ${word.text}`
      out.push({
        from,
        to,
        start: tokens[from]!.start,
        end: tokens[to - 1]!.end,
        name,
        kind: kindFromName(name, 'government'),
        country: undefined,
        orgId: null,
        key: `ru:${keyOf(name)}`,
        generic: null,
        source: 'pattern',
      })
    }
  }
  return out
}
