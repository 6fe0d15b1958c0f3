/**
 * Issue #9, point 3: crash safety on the embedded PGlite database.
 * The scenarios are in test/crash/suite.ts; `CRASH_ROUNDS=10` is the long mode (nightly).
 */
import { crashSuite } from '../crash/suite.ts'

crashSuite('pglite')
