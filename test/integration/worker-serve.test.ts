// `tergeu serve` shuts down gracefully: after SIGTERM a request already in flight (its body
// still arriving) is answered, new connections are refused, the database is closed and the
// process exits 0.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

const BIN = new URL('../../bin/tergeu', import.meta.url).pathname

test('serve answers the request in flight after SIGTERM and refuses new connections', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tergeu-serve-stop-'))
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    cwd: dir,
    env: { ...process.env, TERGEU_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (c: string) => {
    stderr += c
  })
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  const waitFor = async (pattern: RegExp) => {
    for (let waited = 0; !pattern.test(stderr); waited += 50) {
      if (waited > 120_000 || child.exitCode !== null) assert.fail(`no ${pattern}: ${stderr}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  try {
    await waitFor(/on http:\/\/localhost:\d+/)
    const port = Number(/on http:\/\/localhost:(\d+)/.exec(stderr)![1])
    const body = JSON.stringify({ names: ['Айдос Серіков', 'Marat Bekov'] })
    // A slow client: the headers and half the body now, the rest after the server is told to stop.
    const socket = connect(port, '127.0.0.1')
    let response = ''
    socket.setEncoding('utf8')
    socket.on('data', (c: string) => {
      response += c
    })
    const closed = new Promise<void>((r) => socket.on('close', () => r()))
    await new Promise<void>((r) => socket.once('connect', () => r()))
    socket.write(
      `POST /api/screen HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    )
    await new Promise((r) => setTimeout(r, 500))

    child.kill('SIGTERM')
    await waitFor(/stopping/)
    const refused = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => {
        s.destroy()
        resolve('connected')
      })
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
    })
    socket.end(body.slice(10))
    await closed
    const code = await exited

    assert.equal(refused, 'ECONNREFUSED')
    assert.match(response, /^HTTP\/1\.1 200 OK/)
    assert.match(response, /"results":\[/)
    assert.equal(code, 0, stderr)
    assert.match(stderr, /server stopped\n(?:.*\n)*tergeu: database closed/)
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  }
})
