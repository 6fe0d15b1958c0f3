import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { loadConfig, renderEnvExample } from './config.ts'

describe('loadConfig', () => {
  test('defaults to the embedded database in ./.tergeu and port 8080 on localhost', () => {
    const config = loadConfig({}, [])

    assert.deepEqual(config, {
      database: { kind: 'pglite', dataDir: './.tergeu' },
      api: { port: 8080, host: '127.0.0.1' },
      log: { level: 'info' },
      auth: {
        required: false,
        requiredBecause: null,
        sessionHours: 12,
        rateLimitPerMinute: 600,
        rateBurst: 120,
        maxBodyBytes: 1_048_576,
      },
    })
  })

  test('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db.example:5432/tergeu' })

    assert.deepEqual(config.database, {
      kind: 'postgres',
      url: 'postgres://u:p@db.example:5432/tergeu',
    })
  })

  test('lets a flag override the environment', () => {
    const config = loadConfig({ TERGEU_PORT: '9000', TERGEU_DATA_DIR: '/env' }, [
      'serve',
      '--port',
      '9100',
      '--data-dir=/flag',
      '--json',
    ])

    assert.equal(config.api.port, 9100)
    assert.deepEqual(config.database, { kind: 'pglite', dataDir: '/flag' })
  })

  test('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '', TERGEU_PORT: ' ' }).database.kind, 'pglite')
  })

  test('lists every bad setting in one error', () => {
    const env = { DATABASE_URL: 'mysql://x', TERGEU_PORT: 'eighty', TERGEU_LOG_LEVEL: 'loud' }

    assert.throws(
      () => loadConfig(env),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'invalid_input')
        assert.match(error.message, /DATABASE_URL \(--database-url\) must be a postgres:\/\//)
        assert.match(error.message, /TERGEU_PORT \(--port\) must be a number/)
        assert.match(error.message, /TERGEU_LOG_LEVEL \(--log-level\)/)
        return true
      },
    )
  })

  test('refuses a port out of range', () => {
    assert.throws(
      () => loadConfig({}, ['--port', '70000']),
      /TERGEU_PORT \(--port\) must be 0\.\.65535/,
    )
  })
})

describe('.env.example', () => {
  test('matches the settings table (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const file = new URL('../../.env.example', import.meta.url)
    const expected = renderEnvExample()
    if (process.env['UPDATE_GOLDEN']) await writeFile(file, expected)

    assert.equal(await readFile(file, 'utf8'), expected)
  })
})
