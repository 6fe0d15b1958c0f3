/**
 * fast-check arbitraries for hostile input: text that looks like crime reporting in en/ru/kk but
 * is cut with zero-width and bidi characters, lone surrogates, homoglyphs, digit runs thousands
 * long, repeated month and crime words and random punctuation; HTML nested thousands deep; bytes
 * that are invalid UTF-8 or declare odd charsets. Shared by `test/fuzz/*.test.ts` (short runs)
 * and `scripts/fuzz.ts` (long runs). All words are invented for the fuzzer.
 */
import fc from 'fast-check'
import type { RawDoc } from '#core/document.ts'

/** Zero-width, direction marks, embeddings/overrides and isolates (U+200B..F, U+202A..E, U+2066..9). */
export const INVISIBLES = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\uFEFF',
  '\u00AD',
  '\u00A0',
  '\u2028',
  '\u2029',
] as const

const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00'] as const

const MONTHS = [
  'января',
  'марта',
  'декабря',
  'мая',
  'қаңтар',
  'наурыз',
  'желтоқсан',
  'мамыр',
  'January',
  'March',
  'May',
  'December',
  'Dec.',
  'сентябрь',
  'қыркүйек',
] as const

const CRIME_WORDS = [
  'мошенничество',
  'мошенничестве',
  'взятку',
  'убийство',
  'наркотики',
  'задержали',
  'задержан',
  'приговорил',
  'осуждён',
  'алаяқтық',
  'пара',
  'есірткі',
  'ұсталды',
  'сотталды',
  'fraud',
  'bribe',
  'murder',
  'arrested',
  'detained',
  'sentenced',
  'extradited',
  'seized',
  'smuggling',
  'embezzlement',
  'кража',
  'ұрлық',
] as const

const WORDS = [
  'полиция',
  'суд',
  'прокуратура',
  'Алматы',
  'Астана',
  'Шымкент',
  'области',
  'облысы',
  'департамент',
  'полициясы',
  'соты',
  'police',
  'court',
  'prosecutor',
  'Almaty',
  'Astana',
  'region',
  'Agency',
  'ministry',
  'млн',
  'млрд',
  'тыс.',
  'тенге',
  'теңге',
  'долларов',
  'USD',
  'KZT',
  '$',
  '₸',
  '€',
  '%',
  'года',
  'жылы',
  'жылғы',
  'year',
  'в',
  'на',
  'и',
  'мен',
  'the',
  'of',
  'in',
  'статьи',
  'УК',
  'РК',
  'ст.',
  'ҚР',
  'ҚК',
  'лет',
  'жыл',
  'years',
  'вчера',
  'кеше',
  'yesterday',
  'г.',
  'гг.',
] as const

// Invented names in three scripts, with initials and inflected forms.
const NAMES = [
  'Арман Бекжанов',
  'Бекжанова А.',
  'Бекжанову',
  'Ерлан Тұрсынбаев',
  'Тұрсынбайұлы',
  'Dana Seitkali',
  'D. Seitkali',
  'Мария Колесникова',
  'Колесниковой М.В.',
  'Айгүл Нұрланқызы',
  'Nurzhan Zhaksylykov',
  'Жақсылықов Н.',
] as const

// Latin look-alikes inside Cyrillic words and the reverse, and Kazakh letters.
const MIXED = [
  'Аlmаty',
  'Aлмaты',
  'pоlice',
  'полиcия',
  'Қазақстан',
  'Qazaqstan',
  'әңғүұқөһі',
  'ӘҢҒҮҰҚӨҺІ',
  'KZ-ALA',
  'ТОО «Ромашка»',
  'АО "Нурбанк"',
  'LLP «Steppe»',
] as const

const PUNCTUATION = [
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  '…',
  '—',
  '–',
  '-',
  '«',
  '»',
  '"',
  "'",
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '/',
  '\\',
  '№',
  '#',
  '*',
  '&',
  '|',
  '<',
  '>',
  '<<',
  '>>',
  '..',
  '...',
  '. .',
  '?!',
  '„',
  '“',
  '”',
] as const

const SEPARATORS = [' ', ' ', ' ', '\n', '\n\n', '\t', '\r\n', '  ', '\u00A0', '\u3000'] as const

/** A number: short, with grouping, decimal, range, or thousands of digits long. */
export const numberArb: fc.Arbitrary<string> = fc.oneof(
  fc.nat({ max: 100_000 }).map(String),
  fc.integer({ min: 1, max: 2099 }).map(String),
  fc
    .tuple(fc.nat({ max: 999 }), fc.nat({ max: 999 }), fc.constantFrom(' ', ',', '.', '\u00A0'))
    .map(([a, b, sep]) => `${a}${sep}${String(b).padStart(3, '0')}`),
  fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 99 })).map(([a, b]) => `${a},${b}`),
  fc.integer({ min: 200, max: 5000 }).map((n) => '9'.repeat(n)),
  fc.integer({ min: 50, max: 800 }).map((n) => '1 000 '.repeat(n).trim()),
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.nat({ max: 3000 }))
    .map(([d, m, y]) => `${d}.${String(m).padStart(2, '0')}.${y}`),
  fc.integer({ min: 1, max: 12000 }).map((n) => `${'0'.repeat(n)}1`),
  fc.constantFrom('1e308', '-0', 'NaN', 'Infinity', '0x1F', '½', '٣', '１２３'),
)

/** One fragment of nasty text. */
export const fragmentArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 6 },
  { arbitrary: fc.constantFrom(...CRIME_WORDS), weight: 4 },
  { arbitrary: fc.constantFrom(...MONTHS), weight: 3 },
  { arbitrary: fc.constantFrom(...NAMES), weight: 3 },
  { arbitrary: fc.constantFrom(...MIXED), weight: 2 },
  { arbitrary: numberArb, weight: 4 },
  { arbitrary: fc.constantFrom(...PUNCTUATION), weight: 4 },
  { arbitrary: fc.constantFrom(...INVISIBLES), weight: 3 },
  { arbitrary: fc.constantFrom(...LONE_SURROGATES), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }), weight: 1 },
  // A word repeated many times ("марта марта марта ..."): stresses per-match rescans.
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...MONTHS, ...CRIME_WORDS), fc.integer({ min: 20, max: 400 }))
      .map(([w, n]) => `${w} `.repeat(n)),
    weight: 1,
  },
  // A word with invisibles inside it.
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...CRIME_WORDS, ...NAMES), fc.constantFrom(...INVISIBLES), fc.nat())
      .map(([w, c, at]) => {
        const i = at % (w.length + 1)
        return `${w.slice(0, i)}${c}${w.slice(i)}`
      }),
    weight: 2,
  },
)

/** Nasty text of up to `maxFragments` fragments. */
export function textArb(maxFragments = 120): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fragmentArb, fc.constantFrom(...SEPARATORS)), { maxLength: maxFragments })
    .map((parts) => parts.map(([f, s]) => f + s).join(''))
}

const TAGS = [
  'div',
  'p',
  'span',
  'article',
  'main',
  'section',
  'h1',
  'h2',
  'li',
  'ul',
  'table',
  'tr',
  'td',
  'a',
  'b',
  'time',
  'header',
  'footer',
  'nav',
  'aside',
  'figure',
  'figcaption',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'textarea',
  'br',
  'hr',
  'img',
  'meta',
] as const

const HTML_BITS = [
  '<!-- comment -->',
  '<!--',
  '-->',
  '<![CDATA[ x ]]>',
  '<!DOCTYPE html>',
  '&amp;',
  '&nbsp;',
  '&#0;',
  '&#xD800;',
  '&#1114112;',
  '&#x10FFFF;',
  '&lt;script&gt;',
  '&unknown;',
  '&',
  '<',
  '</',
  '<>',
  '</>',
  '<p <p>',
  '<div class="a" class=\'b\' =x>',
  '<a href="javascript:alert(1)">',
  '<time datetime="2024-13-45">',
  '<meta property="article:published_time" content="99999-99-99">',
  '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"x","headline":',
  '</script>',
  '<title>',
  '</title>',
  '<html><head>',
  '</head><body>',
  '</body></html>',
] as const

/** Random tag soup around nasty text. */
const tagSoupArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...TAGS).map((t) => `<${t}>`), weight: 3 },
      { arbitrary: fc.constantFrom(...TAGS).map((t) => `</${t}>`), weight: 2 },
      { arbitrary: fc.constantFrom(...HTML_BITS), weight: 2 },
      { arbitrary: textArb(12), weight: 4 },
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''))

/** HTML nested hundreds to thousands deep, closed or not. */
const deepHtmlArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('div', 'span', 'p', 'b', 'table', 'ul', 'li', 'a', 'section'),
    fc.integer({ min: 100, max: 3000 }),
    textArb(20),
    fc.boolean(),
  )
  .map(
    ([tag, depth, text, closed]) =>
      `<html><body>${`<${tag}>`.repeat(depth)}${text}${closed ? `</${tag}>`.repeat(depth) : ''}`,
  )

/** A plausible page with the nasty text as its article. */
const pageArb: fc.Arbitrary<string> = fc.tuple(textArb(8), textArb(60), tagSoupArb).map(
  ([title, body, soup]) =>
    `<!DOCTYPE html><html><head><title>${title}</title></head><body><nav>Главная | News</nav><article><h1>${title}</h1>${body
      .split('\n')
      .map((p) => `<p>${p}</p>`)
      .join('')}</article>${soup}</body></html>`,
)

/** Hostile HTML: tag soup, deep nesting, or a page whose text is hostile. */
export const htmlArb: fc.Arbitrary<string> = fc.oneof(tagSoupArb, deepHtmlArb, pageArb)

const publishedArb = fc.option(
  fc.oneof(
    fc.constantFrom('2025-03-14', '2024', '2023-12', '1900-01-01', '2099-12-31'),
    fc.constantFrom('2024-02-30', '0000-00-00', '9999-99', 'not a date', ''),
  ),
  { nil: null },
)

// Lines a site repeats (as the ingest learns them): normalised words, invisibles, empty lines.
const furnitureArb: fc.Arbitrary<ReadonlySet<string> | null> = fc.option(
  fc
    .array(
      fc.oneof(
        textArb(4).map((s) => s.toLowerCase().replace(/\d/g, '0').replace(/\s+/g, ' ').trim()),
        fc.constantFrom('', ' ', 'главная', 'news', 'суд', '\u200b', 'полиция'),
      ),
      { maxLength: 8 },
    )
    .map((lines) => new Set(lines)),
  { nil: null },
)

/** A raw document (text or HTML, sometimes with site furniture) built from the arbitraries above. */
export function rawDocArb(maxFragments = 120): fc.Arbitrary<RawDoc> {
  return fc
    .tuple(
      fc.oneof(
        {
          arbitrary: textArb(maxFragments).map((raw) => ({ format: 'text' as const, raw })),
          weight: 3,
        },
        { arbitrary: htmlArb.map((raw) => ({ format: 'html' as const, raw })), weight: 2 },
      ),
      publishedArb,
      fc.nat(),
      furnitureArb,
    )
    .map(([{ format, raw }, published, n, furniture]) => ({
      id: `fuzz-${n}`,
      source: 'fuzz.txt',
      url: null,
      format,
      raw,
      published,
      ...(furniture ? { siteFurniture: furniture } : {}),
    }))
}

/** Bytes that stress the decoders: random, invalid UTF-8, BOMs, declared charsets. */
export const bytesArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          [0xc0, 0x80],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90, 0x80, 0x80],
          [0xf8, 0x88, 0x80, 0x80, 0x80],
          [0xe2, 0x82],
          [0x80],
          [0xff],
          [0xfe],
          [0xef, 0xbb, 0xbf],
          [0xff, 0xfe],
          [0xfe, 0xff],
          [0xd0, 0x9f, 0xd1, 0x80],
          [0xcf, 0xf0, 0xe8],
        ),
        textArb(6).map((s) => [...Buffer.from(s, 'utf8')]),
        fc
          .constantFrom(
            'utf-8',
            'windows-1251',
            'koi8-r',
            'utf-16le',
            'utf-16',
            'x-unknown',
            'cp866',
            'iso-2022-jp',
            'utf-7',
            '',
          )
          .map((cs) => [...Buffer.from(`<meta charset="${cs}">`, 'latin1')]),
        fc
          .constantFrom(
            '<?xml version="1.0" encoding="koi8-r"?>',
            '<meta http-equiv="Content-Type" content="text/html; charset=cp1251">',
          )
          .map((s) => [...Buffer.from(s, 'latin1')]),
      ),
      { maxLength: 40 },
    )
    .map((chunks) => Uint8Array.from(chunks.flat())),
)

/** A Content-Type header value, sometimes absent or malformed. */
export const contentTypeArb: fc.Arbitrary<string | null> = fc.option(
  fc.oneof(
    fc.constantFrom(
      'text/html; charset=utf-8',
      'text/html; charset="windows-1251"',
      'text/html;charset=KOI8-R',
      'text/html; charset=',
      'text/html; charset=x-nonsense',
      'text/html; charset=utf-16',
      'text/html; charset=utf-32',
      'text/html; charset=base64',
    ),
    fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => `text/html; charset=${s}`),
    fc.string({ unit: 'binary', maxLength: 60 }),
  ),
  { nil: null },
)

/** Replaces each lone surrogate of `s` with U+FFFD (String.prototype.toWellFormed, pre-ES2024). */
export function wellFormed(s: string): string {
  return s.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  )
}

/** Drops the characters U+0000..U+0008, which the decoders take for a sign of binary content. */
export function withoutLowControls(s: string): string {
  let out = ''
  for (const ch of s) if (ch.charCodeAt(0) > 8) out += ch
  return out
}
