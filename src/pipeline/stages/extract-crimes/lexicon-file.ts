/**
 * Reads the tab-separated lexicon files under `data/` (crime categories, event triggers): one
 * entry a line, `value<TAB>lang<TAB>phrase[<TAB>flags]`, `#` comments.
 *
 * @module pipeline/stages/extract-crimes/lexicon-file
 */
import { readFileSync } from 'node:fs'
import type { Lang } from '#core/lang.ts'

/** One line of a lexicon file. */
export interface LexiconLine {
  readonly value: string
  /** The language the phrase is written in, or `*` for any. */
  readonly lang: Lang | '*'
  readonly phrase: string
  readonly flags: ReadonlySet<string>
}

/** Reads a lexicon file from the repository's `data/` folder, e.g. `crimes/lexicon.tsv`. */
export function readLexiconFile(relativePath: string): LexiconLine[] {
  const url = new URL(`../../../../data/${relativePath}`, import.meta.url)
  return parseLexicon(readFileSync(url, 'utf8'))
}

/** Parses lexicon text; malformed lines are skipped (the file is data, not code). */
export function parseLexicon(text: string): LexiconLine[] {
  const out: LexiconLine[] = []
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (line.trim() === '' || line.startsWith('#')) continue
    const [value, lang, phrase, flags] = line.split('\t')
    if (!value || !phrase || (lang !== 'en' && lang !== 'ru' && lang !== 'kk' && lang !== '*'))
      continue
    out.push({
      value: value.trim(),
      lang,
      phrase: phrase.trim(),
      flags: new Set(
        (flags ?? '')
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean),
      ),
    })
  }
  return out
}

/**
 * Tells whether an entry written in `entryLang` applies to a document in `docLang`. English
 * entries apply everywhere (names and loanwords), Russian ones also to Kazakh text (which
 * borrows Russian legal terms); Kazakh entries apply only to Kazakh text, because some are
 * ordinary Russian words (`пара` is "a bribe" in Kazakh and "a pair" in Russian).
 */
export function appliesTo(entryLang: Lang | '*', docLang: Lang): boolean {
  if (entryLang === '*' || entryLang === 'en' || entryLang === docLang) return true
  return entryLang === 'ru' && docLang === 'kk'
}
