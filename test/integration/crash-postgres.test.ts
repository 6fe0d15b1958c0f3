/**
 * Issue #9, point 3: crash safety on PostgreSQL (127.0.0.1:5432; skipped when it does not answer).
 * The scenarios are in test/crash/suite.ts; `CRASH_ROUNDS=10` is the long mode (nightly).
 */
import { crashSuite } from '../crash/suite.ts'

crashSuite('postgres')
