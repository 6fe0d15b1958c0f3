/**
 * The configuration: one zod schema over environment variables and command-line flags, parsed
 * into a nested, typed {@link Config}. This is the only module that reads the environment
 * (callers pass `process.env` in); precedence is flag > environment > default.
 *
 * @module config/config
 */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { InvalidInputError } from '#core/errors.ts'

/** The typed configuration every part receives a slice of. */
export interface Config {
  readonly database:
    | { readonly kind: 'pglite'; readonly dataDir: string }
    | { readonly kind: 'postgres'; readonly url: string }
  readonly api: { readonly port: number; readonly host: string }
  readonly log: { readonly level: LogLevel }
  /** Authentication and request limits (docs/decisions/0014-authentication.md). */
  readonly auth: {
    /**
     * Credentials are needed: set by TERGEU_AUTH=required, by DATABASE_URL (a shared database)
     * or by a non-loopback TERGEU_HOST. False only in the zero-setup default.
     */
    readonly required: boolean
    /** Why credentials are needed (for the start-up message), or null. */
    readonly requiredBecause: string | null
    readonly sessionHours: number
    /** Requests a minute per token or session (0: unlimited), and the burst allowed. */
    readonly rateLimitPerMinute: number
    readonly rateBurst: number
    /** Largest request body, in bytes (413 above). */
    readonly maxBodyBytes: number
  }
  /** Alert delivery; absent when no webhook is configured (alerts are still recorded). */
  readonly alerts?: {
    readonly webhook: {
      readonly url: string
      /** Key of the HMAC-SHA256 signature header. */
      readonly secret: string
      readonly timeoutMs: number
      /** Non-public networks (CIDRs) the webhook may reach, as `--allow-address` for fetching. */
      readonly allowAddresses: readonly string[]
    }
  }
}

/** Log levels, quietest last. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number]

/** One setting: its environment variable, its flag, and what it means. */
export interface Setting {
  readonly env: string
  /** Kebab-case flag without dashes. */
  readonly flag: string
  readonly description: string
  /** Default as written in `.env.example`, or `null` when unset by default. */
  readonly default: string | null
}

/** Every setting, flag paired with environment variable (the table `--help` and docs refer to). */
export const SETTINGS: readonly Setting[] = [
  {
    env: 'DATABASE_URL',
    flag: 'database-url',
    description:
      'PostgreSQL server to use, e.g. postgres://user:pass@host:5432/tergeu. Unset: the embedded PGlite database in TERGEU_DATA_DIR.',
    default: null,
  },
  {
    env: 'TERGEU_DATA_DIR',
    flag: 'data-dir',
    description:
      'Data directory of the embedded PGlite database (used when DATABASE_URL is unset).',
    default: './.tergeu',
  },
  {
    env: 'TERGEU_PORT',
    flag: 'port',
    description: 'Port the HTTP API and web UI listen on (0 picks a free one).',
    default: '8080',
  },
  {
    env: 'TERGEU_HOST',
    flag: 'host',
    description: 'Interface the HTTP server binds to (0.0.0.0 for every interface).',
    default: '127.0.0.1',
  },
  {
    env: 'TERGEU_LOG_LEVEL',
    flag: 'log-level',
    description: `Least severe log level printed: ${LOG_LEVELS.join(', ')}.`,
    default: 'info',
  },
  {
    env: 'TERGEU_AUTH',
    flag: 'auth',
    description:
      'auto: credentials are needed once the server binds a non-loopback address, DATABASE_URL is set or a user exists; until then loopback requests act as the local admin. required: always.',
    default: 'auto',
  },
  {
    env: 'TERGEU_SESSION_HOURS',
    flag: 'session-hours',
    description: 'Hours a web UI sign-in lasts.',
    default: '12',
  },
  {
    env: 'TERGEU_RATE_LIMIT',
    flag: 'rate-limit',
    description:
      'Requests a minute allowed per API token or signed-in user, in each server process (0: no limit); over it the API answers 429 with Retry-After.',
    default: '600',
  },
  {
    env: 'TERGEU_RATE_BURST',
    flag: 'rate-burst',
    description: 'Requests a token or user may send at once before TERGEU_RATE_LIMIT applies.',
    default: '120',
  },
  {
    env: 'TERGEU_MAX_BODY_BYTES',
    flag: 'max-body-bytes',
    description: 'Largest request body the API reads, in bytes; larger ones get 413.',
    default: '1048576',
  },
  {
    env: 'TERGEU_WEBHOOK_URL',
    flag: 'webhook-url',
    description:
      'Alerts are POSTed as JSON to this http(s) URL (private and loopback addresses refused unless allowed). Unset: alerts are only recorded.',
    default: null,
  },
  {
    env: 'TERGEU_WEBHOOK_SECRET',
    flag: 'webhook-secret',
    description:
      'Key of the x-tergeu-signature header (HMAC-SHA256 of "timestamp.body"); required with TERGEU_WEBHOOK_URL, 16 characters or more.',
    default: null,
  },
  {
    env: 'TERGEU_WEBHOOK_TIMEOUT_MS',
    flag: 'webhook-timeout-ms',
    description: 'Milliseconds one webhook delivery attempt may take.',
    default: '10000',
  },
  {
    env: 'TERGEU_WEBHOOK_ALLOW_ADDRESS',
    flag: 'webhook-allow-address',
    description:
      'Comma-separated non-public networks the webhook may reach (e.g. 127.0.0.1/32 for a local receiver).',
    default: null,
  },
]

const postgresUrl = z
  .string()
  .regex(/^postgres(?:ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
  .refine((s) => URL.canParse(s), 'is not a valid URL')

const Schema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  TERGEU_DATA_DIR: z.string().min(1).default('./.tergeu'),
  TERGEU_PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0..65535')
    .max(65535, 'must be 0..65535')
    .default(8080),
  TERGEU_HOST: z.string().min(1).default('127.0.0.1'),
  TERGEU_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  TERGEU_AUTH: z.enum(['auto', 'required']).default('auto'),
  TERGEU_SESSION_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be 1..720')
    .max(720, 'must be 1..720')
    .default(12),
  TERGEU_RATE_LIMIT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(1_000_000, 'must be 1000000 or less')
    .default(600),
  TERGEU_RATE_BURST: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(100_000, 'must be 100000 or less')
    .default(120),
  TERGEU_MAX_BODY_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1024, 'must be 1024 or more')
    .max(1_073_741_824, 'must be 1073741824 or less')
    .default(1_048_576),
  TERGEU_WEBHOOK_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL')
    .refine((s) => URL.canParse(s), 'is not a valid URL')
    .optional(),
  TERGEU_WEBHOOK_SECRET: z.string().min(16, 'must have 16 characters or more').optional(),
  TERGEU_WEBHOOK_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(100, 'must be 100 or more')
    .max(120_000, 'must be 120000 or less')
    .default(10_000),
  TERGEU_WEBHOOK_ALLOW_ADDRESS: z
    .string()
    .regex(/^[0-9a-fA-F.:/]+(?:\s*,\s*[0-9a-fA-F.:/]+)*$/, 'must be CIDRs separated by commas')
    .optional(),
})

/** The parseArgs option table of every config flag; commands spread it into their own. */
export const CONFIG_FLAGS = Object.fromEntries(
  SETTINGS.map((s) => [s.flag, { type: 'string' as const }]),
) as Record<string, { readonly type: 'string' }>

/**
 * Builds the configuration from the environment and command-line flags (`--port 9000`,
 * `--data-dir=/x`; other arguments are ignored here). Throws one {@link InvalidInputError}
 * (`invalid_input`) listing every bad setting at once.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = {},
  argv: readonly string[] = [],
): Config {
  const input: Record<string, string> = {}
  for (const s of SETTINGS) {
    const value = env[s.env]
    if (value !== undefined && value.trim() !== '') input[s.env] = value.trim()
  }
  const { values } = parseArgs({
    args: [...argv],
    options: CONFIG_FLAGS,
    strict: false,
    allowPositionals: true,
  })
  const problems: string[] = []
  for (const s of SETTINGS) {
    const value = values[s.flag]
    if (typeof value === 'string') input[s.env] = value
    else if (value === true) problems.push(`--${s.flag} needs a value`)
  }
  const parsed = Schema.safeParse(input)
  if (parsed.success && parsed.data.TERGEU_WEBHOOK_URL && !parsed.data.TERGEU_WEBHOOK_SECRET)
    problems.push('TERGEU_WEBHOOK_SECRET (--webhook-secret) is required with TERGEU_WEBHOOK_URL')
  if (!parsed.success || problems.length > 0) {
    const issues = parsed.success ? [] : parsed.error.issues
    problems.push(
      ...issues.map((issue) => {
        const key = String(issue.path[0] ?? '?')
        const setting = SETTINGS.find((s) => s.env === key)
        const name = setting ? `${key} (--${setting.flag})` : key
        return `${name} ${issue.message}`
      }),
    )
    throw new InvalidInputError(`invalid configuration: ${problems.join('; ')}`, {
      details: { problems },
    })
  }
  const c = parsed.data!
  return {
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL }
      : { kind: 'pglite', dataDir: c.TERGEU_DATA_DIR },
    api: { port: c.TERGEU_PORT, host: c.TERGEU_HOST },
    log: { level: c.TERGEU_LOG_LEVEL },
    auth: {
      ...authRequirement(c.TERGEU_AUTH, Boolean(c.DATABASE_URL), c.TERGEU_HOST),
      sessionHours: c.TERGEU_SESSION_HOURS,
      rateLimitPerMinute: c.TERGEU_RATE_LIMIT,
      rateBurst: c.TERGEU_RATE_BURST,
      maxBodyBytes: c.TERGEU_MAX_BODY_BYTES,
    },
    ...(c.TERGEU_WEBHOOK_URL && c.TERGEU_WEBHOOK_SECRET
      ? {
          alerts: {
            webhook: {
              url: c.TERGEU_WEBHOOK_URL,
              secret: c.TERGEU_WEBHOOK_SECRET,
              timeoutMs: c.TERGEU_WEBHOOK_TIMEOUT_MS,
              allowAddresses: (c.TERGEU_WEBHOOK_ALLOW_ADDRESS ?? '')
                .split(',')
                .map((a) => a.trim())
                .filter((a) => a !== ''),
            },
          },
        }
      : {}),
  }
}

/** True for host names and addresses only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

// Decision 0014: the zero-setup default (embedded database, loopback) needs no credentials.
function authRequirement(
  mode: 'auto' | 'required',
  sharedDatabase: boolean,
  host: string,
): { required: boolean; requiredBecause: string | null } {
  if (mode === 'required') return { required: true, requiredBecause: 'TERGEU_AUTH=required' }
  if (sharedDatabase) return { required: true, requiredBecause: 'DATABASE_URL is set' }
  if (!isLoopbackHost(host))
    return { required: true, requiredBecause: `the server binds ${host}, not a loopback address` }
  return { required: false, requiredBecause: null }
}

/** Renders `.env.example` from {@link SETTINGS} (a test keeps the committed file in step). */
export function renderEnvExample(): string {
  const blocks = SETTINGS.map((s) => {
    const line = s.default === null ? `# ${s.env}=` : `${s.env}=${s.default}`
    return `# ${s.description}\n# flag: --${s.flag}\n${line}`
  })
  return `# Tergeu configuration. Generated from src/config/config.ts (SETTINGS); edit there, then run\n# UPDATE_GOLDEN=1 node scripts/run-tests.mjs src/config\n\n${blocks.join('\n\n')}\n`
}

/** The settings table for `--help` texts: one line per flag with its variable. */
export function describeConfigFlags(flags: readonly string[]): string {
  return SETTINGS.filter((s) => flags.includes(s.flag))
    .map(
      (s) =>
        `  --${`${s.flag} VALUE`.padEnd(19)}${s.env}${s.default === null ? '' : ` (default ${s.default})`}`,
    )
    .join('\n')
}
