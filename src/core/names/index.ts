/**
 * Public surface of the name-matching core: transliteration, name keys, variants, comparison,
 * the in-memory screening index and identifiers (IIN/BIN, phones).
 *
 * @module core/names
 */
export {
  type CompareOptions,
  compareNames,
  compareParsed,
  DEFAULT_THRESHOLD,
  type NameComparison,
} from './compare.ts'
export { csvRow, parseCsv } from './csv.ts'
export {
  checksumValid,
  type FoundIdentifier,
  findIdentifiers,
  type IdentifierKind,
  isValidBin,
  isValidIin,
  readIinBin,
} from './identifiers.ts'
export {
  baseKey,
  blockingKeys,
  type NameToken,
  type ParsedName,
  parseName,
  phonetic,
} from './name-key.ts'
export { SCHEMES, type Scheme } from './translit-data.ts'
export {
  hasCyrillic,
  kazakhToRussianLetters,
  latinToCyrillic,
  transliterate,
} from './transliterate.ts'
export { generateVariants } from './variants.ts'
