/**
 * The long fuzz run: every property of test/fuzz/suite.ts for as many cases as asked.
 *
 *   npm run fuzz -- [--runs N] [--seed S] [--path P] [--only TEXT] [--list] [--no-api]
 *
 * --runs   cases per property (default 10,000; the scheduled job uses 100,000)
 * --seed   seed of the random generator (default: random, printed)
 * --path   replay one failure: the `path` fast-check printed with its seed (needs --seed and --only)
 * --only   run only the properties whose name contains TEXT
 * --list   list the property names and exit
 * --no-api skip the HTTP properties (they open a PGlite record)
 * --known-bugs also generate the inputs of known, unfixed bugs (see test/fuzz/suite.ts)
 *
 * Exits 1 when any property fails, after printing its seed, path and counterexample.
 * See docs/fuzzing.md.
 */
import { parseArgs } from 'node:util'
import fc from 'fast-check'
import { loadConfig } from '#config/config.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { API_DOCS, apiProperties, pipelineProperties } from '../test/fuzz/suite.ts'
import { openTestPglite } from '../test/helpers/test-database.ts'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    path: { type: 'string' },
    only: { type: 'string' },
    list: { type: 'boolean', default: false },
    'no-api': { type: 'boolean', default: false },
    'known-bugs': { type: 'boolean', default: false },
  },
})

const numRuns = Number(values.runs)
if (!Number.isInteger(numRuns) || numRuns < 1) {
  console.error(`--runs must be a positive integer, not ${values.runs}`)
  process.exit(2)
}
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed)
if (!Number.isInteger(seed)) {
  console.error(`--seed must be an integer, not ${values.seed}`)
  process.exit(2)
}
if (values.path && !(values.seed && values.only)) {
  console.error('--path replays one failure: give it with the --seed and --only it was found with')
  process.exit(2)
}

const wanted = (name: string): boolean => !values.only || name.includes(values.only)
const pipelineProps = Object.entries(
  pipelineProperties({ knownBugs: values['known-bugs'] }),
).filter(([name]) => wanted(name))
// The HTTP properties only use the app when they run, so their names are known without one.
const apiNames = Object.keys(apiProperties(null as never)).filter(wanted)
const needApi = !values['no-api'] && apiNames.length > 0

if (values.list) {
  for (const [name] of Object.entries(pipelineProperties())) console.log(name)
  for (const name of Object.keys(apiProperties(null as never))) console.log(name)
  process.exit(0)
}

let runtime: Runtime | undefined
const props: [string, fc.IRawProperty<never, boolean>][] = [...pipelineProps]
if (needApi) {
  runtime = await bootstrap(loadConfig({}), {
    cwd: process.cwd(),
    database: await openTestPglite(),
  })
  await runtime.ingest(API_DOCS)
  const app = runtime.createHttpApp({
    logError: (e: unknown) =>
      console.error('unexpected error in the app:', e instanceof Error ? e.message : e),
  })
  props.push(
    ...Object.entries(apiProperties(app, { knownBugs: values['known-bugs'] })).filter(([name]) =>
      wanted(name),
    ),
  )
}

console.log(`fuzz: ${props.length} properties, ${numRuns} cases each, seed ${seed}`)
let failures = 0
for (const [name, property] of props) {
  const started = performance.now()
  const details = await fc.check(property, {
    numRuns,
    seed,
    ...(values.path ? { path: values.path } : {}),
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (details.failed) {
    failures++
    console.log(`FAIL ${name} (${details.numRuns} cases, ${seconds} s)`)
    console.log(
      `  reproduce: npm run fuzz -- --seed ${details.seed} --path "${details.counterexamplePath}" --only "${name}"`,
    )
    console.log(`  counterexample: ${fc.stringify(details.counterexample).slice(0, 2000)}`)
    const error = details.errorInstance
    console.log(`  error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 4000))
  } else {
    console.log(`ok   ${name} (${details.numRuns} cases, ${seconds} s)`)
  }
}
await runtime?.close()
process.exit(failures > 0 ? 1 : 0)
