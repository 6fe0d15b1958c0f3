/**
 * Small place and nationality tables the organisation recognisers need on their own (the
 * places stage may not have run, or may miss a name): which words are places, which country a
 * place, a nationality adjective or a country qualifier ("РК", "of the Kyrgyz Republic")
 * points to. Names are the common English, Russian and Kazakh spellings of Kazakhstan's and
 * its neighbours' countries, regions and larger cities (compiled for this project from the
 * countries' official administrative lists; MIT).
 *
 * @module pipeline/stages/extract-organizations/places-data
 */

function table(spec: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const group of spec.trim().split(/\n+/)) {
    const [code, names] = group.split(':')
    if (!code || !names) continue
    for (const n of names.split(',')) {
      const k = n.trim().toLowerCase()
      if (k) out.set(k, code.trim())
    }
  }
  return out
}

/** English place names (lower case, one or two words) → ISO country. */
export const EN_PLACES = table(`
KZ: kazakhstan, almaty, astana, nur-sultan, shymkent, karaganda, karagandy, qaraghandy, aktobe, aktau, atyrau, mangistau, mangystau, kostanay, kostanai, pavlodar, semey, semipalatinsk, taraz, zhambyl, jambyl, kyzylorda, turkestan, turkistan, oral, uralsk, petropavl, petropavlovsk, kokshetau, taldykorgan, zhezkazgan, ekibastuz, temirtau, zhanaozen, baikonur, baikonyr, stepnogorsk, karasai, kaskelen, konaev, kapchagay, talgar, ust-kamenogorsk, oskemen, ridder, akmola, abai, zhetysu, ulytau, saryagash, kordai, balkhash, satpayev, rudny, lisakovsk, aksu, shchuchinsk, kentau, arys, zhanatas, aralsk, kerbulak, enbekshikazakh, tekeli, north kazakhstan, west kazakhstan, east kazakhstan, bostandyk, almaly, medeu, auezov, turksib, nauryzbay, alatau, yesil, saryarka, baikonyr, kyzyl asker
KG: kyrgyzstan, kyrgyz republic, bishkek, osh, jalal-abad, karakol, naryn, talas, batken, issyk-kul, chui, chuy, tokmok, balykchi, kara-balta
UZ: uzbekistan, tashkent, samarkand, bukhara, andijan, namangan, fergana, ferghana, navoi, navoiy, nukus, karakalpakstan, khorezm, urgench, kashkadarya, karshi, surkhandarya, termez, jizzakh, syrdarya, chirchik, angren, almalyk, kokand, margilan, zaamin, sharaf-rashidov
TJ: tajikistan, dushanbe, khujand, sughd, khatlon, bokhtar, kulob, kulyab, khorog, gbao, badakhshan
TM: turkmenistan, ashgabat, dashoguz, turkmenabat, mary, balkanabat, lebap, ahal, turkmenbashi
RU: russia, russian federation, moscow, st. petersburg, saint petersburg, novosibirsk, omsk, orenburg, chelyabinsk, yekaterinburg, samara, astrakhan, volgograd, kazan, tyumen, barnaul, kurgan
UA: ukraine, kyiv, kiev, dnipro, kharkiv, odesa, odessa, lviv
BY: belarus, minsk
GE: georgia, tbilisi
AZ: azerbaijan, baku
AM: armenia, yerevan
MD: moldova, chisinau
CN: china, beijing, urumqi, xinjiang
TR: turkey, türkiye, turkiye, ankara, istanbul, antalya
AE: uae, united arab emirates, dubai, abu dhabi
AF: afghanistan, kabul
IR: iran, tehran
PK: pakistan, islamabad
IN: india, delhi, new delhi
GB: britain, great britain, united kingdom, uk, england, london, scotland
US: united states, usa, us, america, washington, new york
FR: france, paris
DE: germany, berlin
IT: italy, rome, bologna, milan
PL: poland, warsaw, przemyśl
ES: spain, madrid
LV: latvia, riga
LT: lithuania, vilnius
EE: estonia, tallinn
BG: bulgaria, sofia
CZ: czech republic, czechia, prague
AT: austria, vienna
CH: switzerland, geneva, zurich
LI: liechtenstein
NL: netherlands, amsterdam, the hague
BE: belgium, brussels
IL: israel
JO: jordan
KR: south korea, korea, seoul
JP: japan, tokyo
TH: thailand, bangkok
MN: mongolia, ulaanbaatar
CY: cyprus
GR: greece, athens
RS: serbia, belgrade
`)

/** English nationality adjectives → ISO country. */
export const EN_DEMONYMS = table(`
KZ: kazakh, kazakhstani, kazakhstan
KG: kyrgyz, kirghiz, kyrgyzstani
UZ: uzbek, uzbekistani
TJ: tajik, tajikistani
TM: turkmen
RU: russian
UA: ukrainian
BY: belarusian, belarusan
GE: georgian
AZ: azerbaijani
AM: armenian
MD: moldovan
CN: chinese
TR: turkish
AE: emirati
AF: afghan
IR: iranian
PK: pakistani
IN: indian
GB: british, english
US: american, u.s., us
FR: french
DE: german
IT: italian
PL: polish
ES: spanish
LV: latvian
LT: lithuanian
EE: estonian
BG: bulgarian
CZ: czech
AT: austrian
CH: swiss
NL: dutch
BE: belgian
IL: israeli
KR: korean, south korean
JP: japanese
TH: thai
MN: mongolian
GR: greek
RS: serbian
`)

/** Russian and Kazakh place-name stems (prefix of any case form, lower case) → ISO country. */
export const CYR_PLACE_STEMS = table(`
KZ: казахстан, алматы, алма-ат, астан, нур-султан, шымкент, караганд, актоб, актау, атырау, мангистау, мангыстау, маңғыстау, костана, қостанай, павлодар, семе, тараз, жамбыл, кызылорд, қызылорда, туркестан, түркістан, уральск, орал, петропавл, кокшетау, көкшетау, талдыкорган, талдықорған, жезказган, жезқазған, экибастуз, екібастұз, темиртау, теміртау, жанаозен, жаңаөзен, байконыр, байконур, байқоңыр, степногорск, карасай, қарасай, каскелен, конаев, қонаев, капшагай, талгар, усть-каменогорск, өскемен, риддер, акмол, ақмола, абай, жетысу, жетісу, улытау, ұлытау, сарыагаш, кордай, балхаш, сатпаев, рудн, лисаковск, аксу, ақсу, щучинск, кентау, арыс, жанатас, аральск, илийск, енбекшиказахск, бостандык, алмалинск, ауэзовск, медеуск, наурызбайск, турксибск, алатауск, есильск, сарыаркинск, шардар, мактаараль, сайрам, толеби, казыгурт, ордабас, зко, вко, ско, шқо, бқо, сқо, қазақстан, қарағанд, ақтөбе, ақтау, шығыс қазақстан, батыс қазақстан, солтүстік қазақстан, балқаш, сәтбаев, арқалық, алматы, алматинск, астанинск, шымкентск, карагандинск, актюбинск, атырауск, мангистауск, костанайск, павлодарск, таразск, жамбылск, кызылординск, туркестанск, кокшетауск, талдыкорганск, жезказганск, экибастузск, нұр-сұлтан, шиелі, жаңақорған, сарыағаш, мақтаарал, қаскелең, талғар, іле, еңбекшіқазақ
KG: бишкекск, ошск, кыргызстан, киргиз, кыргыз, бишкек, ош, джалал-абад, жалал-абад, каракол, нарын, талас, баткен, иссык-кул, чуйск, токмок, балыкчи, қырғыз
UZ: ташкентск, самаркандск, бухарск, узбекистан, ташкент, самарканд, бухар, андижан, наманган, ферган, навои, навоийск, нукус, каракалпак, хорезм, кашкадар, сурхандар, джизак, сырдарь, чирчик, ангрен, алмалык, коканд, маргилан, язяван, өзбекстан
TJ: таджикистан, душанбе, худжанд, согд, хатлон, тәжікстан
TM: туркменистан, ашхабад, дашогуз, түрікменстан
RU: росси, москв, санкт-петербург, новосибирск, омск, оренбург, челябинск, екатеринбург, самар, астрахан, ресей
UA: украин
BY: беларус, белорус
CN: китай, китая, қытай
TR: турци, түркия
`)

/** Russian country qualifiers after a body's name ("МВД России") → ISO country. */
export const RU_COUNTRY_QUALIFIERS = table(`
KZ: рк, республики казахстан, казахстана
KG: кр, кыргызской республики, киргизской республики, кыргызстана, киргизии
UZ: руз, республики узбекистан, узбекистана
TJ: рт, республики таджикистан, таджикистана
TM: туркменистана
RU: рф, российской федерации, россии
UA: украины
BY: беларуси, республики беларусь
CN: китая, кнр
TR: турции
`)

/** Russian nationality adjective stems ("казахстанская полиция") → ISO country. */
export const RU_DEMONYM_STEMS = table(`
KZ: казахстанск
KG: кыргызск, киргизск, кыргызстанск
UZ: узбекск, узбекистанск
TJ: таджикск
TM: туркменск
RU: российск, русск
UA: украинск
BY: белорусск
CN: китайск
TR: турецк
`)

/** Kazakh country qualifiers before a body's name ("ҚР ІІМ") → ISO country. */
export const KK_COUNTRY_QUALIFIERS = table(`
KZ: қр, қазақстан республикасы, қазақстан республикасының, қазақстан, қазақстанның, қазақстандық
KG: қырғыз республикасы, қырғызстан, қырғызстанның
UZ: өзбекстан, өзбекстанның, өзбекстан республикасы
RU: ресей, ресейдің, ресей федерациясы, рф
`)

/** The lengths of the stems in {@link CYR_PLACE_STEMS}, longest first (bounds prefix look-ups). */
export const CYR_STEM_LENGTHS: readonly number[] = [
  ...new Set([...CYR_PLACE_STEMS.keys()].map((k) => k.length)),
].sort((a, b) => b - a)

/**
 * The lengths of the stems in {@link CYR_PLACE_STEMS} by their first two letters, longest
 * first: a word is looked up only at the lengths of stems that start like it.
 */
const STEM_LENGTHS_BY_START: ReadonlyMap<number, readonly number[]> = (() => {
  const out = new Map<number, number[]>()
  for (const len of CYR_STEM_LENGTHS) {
    for (const stem of CYR_PLACE_STEMS.keys()) {
      if (stem.length !== len) continue
      const key = startKey(stem)
      const lengths = out.get(key) ?? []
      if (!lengths.includes(len)) lengths.push(len)
      out.set(key, lengths)
    }
  }
  return out
})()

/** The first two UTF-16 units of `word` as one number (a one-letter word has its own key). */
function startKey(word: string): number {
  return word.charCodeAt(0) * 0x10001 + (word.length > 1 ? word.charCodeAt(1) : 0x10000)
}

/** The country of the longest place stem `word` (lower case) starts with, or `null`. */
export function cyrPlaceCode(word: string, slack: number): string | null {
  if (word.length === 0) return null
  const two = STEM_LENGTHS_BY_START.get(startKey(word))
  const code = two ? longestStem(word, slack, two) : null
  if (code !== null || word.length === 1) return code
  // One-letter stems (none today) are keyed apart from two-letter starts.
  const one = STEM_LENGTHS_BY_START.get(startKey(word[0]!))
  return one ? longestStem(word, slack, one) : null
}

function longestStem(word: string, slack: number, lengths: readonly number[]): string | null {
  for (const len of lengths) {
    if (len > word.length) continue
    const code = CYR_PLACE_STEMS.get(word.slice(0, len))
    // Short stems ("ош", "орал") only match short words, not "ошибка".
    if (code && (len >= 5 || word.length <= len + slack)) return code
  }
  return null
}
