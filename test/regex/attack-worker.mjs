// Worker entry: registers tsx (worker threads do not inherit the --import of the parent on
// Node 20), then runs the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./attack-worker.ts')
