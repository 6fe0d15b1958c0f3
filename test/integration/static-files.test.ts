import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { createApp } from '#api/app.ts'
import type { DocumentRepository } from '#storage/document-repository.ts'
import type { SearchRepository } from '#storage/search-repository.ts'

describe('serving the web UI', () => {
  let dir: string
  let app: ReturnType<typeof createApp>

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-static-'))
    await mkdir(join(dir, 'web', 'assets'), { recursive: true })
    await writeFile(join(dir, 'web', 'index.html'), '<!doctype html><title>UI</title>')
    await writeFile(join(dir, 'web', 'assets', 'app.js'), 'console.log(1)')
    await writeFile(join(dir, 'secret.txt'), 'TOP-SECRET-CASE-FILE')
    app = createApp({
      documents: {} as DocumentRepository,
      search: {} as SearchRepository,
      database: 'pglite',
      version: '0',
      staticRoot: join(dir, 'web'),
    })
  })
  after(async () => rm(dir, { recursive: true, force: true }))

  test('serves the built files and the page for unknown paths', async () => {
    const asset = await app.request('/assets/app.js')
    assert.equal(asset.status, 200)
    assert.equal(await asset.text(), 'console.log(1)')
    const page = await app.request('/some/deep/link?q=x')
    assert.match(await page.text(), /<title>UI<\/title>/)
  })

  test('never serves a file outside its folder, however the path is written', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/assets/....//....//secret.txt',
    ]) {
      const res = await app.request(path)
      assert.doesNotMatch(await res.text(), /TOP-SECRET/, path)
    }
  })
})
