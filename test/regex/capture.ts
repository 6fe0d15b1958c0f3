/**
 * Records every regular expression that code under `src/` builds with `new RegExp(...)` or
 * `RegExp(...)` at run time, with the source line that built it, by putting a recording proxy in
 * place of the global `RegExp` before the modules are imported. Regex literals do not go through
 * the constructor; the parser finds them (`inventory.ts`).
 */
import { join } from 'node:path'
import { ROOT } from './inventory.ts'

/** A regular expression built at run time. */
export interface Built {
  /** `src/...ts:line` of the constructor call. */
  readonly at: string
  readonly source: string
  readonly flags: string
}

const SRC = join(ROOT, 'src/')
const FRAME = /\((.*):(\d+):\d+\)$|at (\/.*):(\d+):\d+$/

/** Starts recording; returns what was recorded so far (the same array, growing). */
export function recordRegExps(): Built[] {
  const built: Built[] = []
  const seen = new Set<string>()
  const Original = RegExp
  const note = (result: RegExp): void => {
    // The frame that called the constructor: the first one outside this file.
    const frames = (new Error().stack ?? '').split('\n').slice(1)
    const caller = frames.find((f) => !f.includes('/test/regex/capture.ts'))
    const m = caller ? FRAME.exec(caller.trim()) : null
    const file = m?.[1] ?? m?.[3]
    if (!file?.startsWith(SRC)) return // built by a library, or by a test
    const at = `${file.slice(ROOT.length)}:${m?.[2] ?? m?.[4]}`
    const key = `${at}\u0000${result.flags}\u0000${result.source}`
    if (seen.has(key)) return
    seen.add(key)
    built.push({ at, source: result.source, flags: result.flags })
  }
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args, newTarget) {
      const result = Reflect.construct(target, args, newTarget) as RegExp
      note(result)
      return result
    },
    apply(target, self, args) {
      const result = Reflect.apply(target, self, args) as RegExp
      note(result)
      return result
    },
  })
  return built
}
