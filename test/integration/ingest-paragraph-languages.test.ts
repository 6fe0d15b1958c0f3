/**
 * Issue #5, point 5: a stored document keeps the language of each of its paragraphs, and
 * `GET /api/documents/:id` shows them (`paragraphs`, an additive field of the contract).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DocumentResponse } from '#api/contract.ts'
import { loadConfig } from '#config/config.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { openDatabase } from '#storage/database.ts'

// An invented Kazakh news page quoting a Russian statement, with an English summary at the end.
const PAGE = `<!doctype html><html lang="kk"><head><title>Таразда алаяқтар ұсталды</title></head>
<body><nav><a href="/">Басты бет</a></nav><article>
<h1>Таразда алаяқтар ұсталды</h1>
<p>Тараз қаласында полиция қызметкерлері зейнеткерлерді алдаған екі күдіктіні ұстады. Олар жалған салым ұсынып, ақша жинаған.</p>
<p>«Подозреваемые обещали пенсионерам высокий доход по вкладам и собрали более пяти миллионов тенге», — сообщили в пресс-службе департамента полиции.</p>
<p>Күдіктілерге қатысты қылмыстық іс қозғалып, олар уақытша ұстау изоляторына қамалды.</p>
<p>Summary in English: two suspects were detained in Taraz for defrauding pensioners of more than five million tenge.</p>
</article></body></html>`

describe('paragraph languages of a stored document', () => {
  let runtime: Runtime
  before(async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: null })
    runtime = await bootstrap(loadConfig({}), { cwd: process.cwd(), database })
    const report = await runtime.ingest([
      {
        id: 'kk-taraz-mixed',
        source: 'taraz.html',
        url: null,
        format: 'html',
        raw: PAGE,
        published: '2025-04-02',
      },
    ])
    assert.deepEqual(report.failed, [])
  })
  after(async () => {
    await runtime.close()
  })

  test('GET /api/documents/:id lists each paragraph with its language', async () => {
    const res = await runtime.createHttpApp().request('/api/documents/kk-taraz-mixed')
    assert.equal(res.status, 200)
    const body = DocumentResponse.parse(await res.json())

    assert.equal(body.lang, 'kk')
    const byStart = (body.paragraphs ?? []).map((p) => [
      p.lang,
      body.text.slice(p.start, p.end).split(' ')[0],
    ])
    assert.deepEqual(
      byStart.filter(([, word]) => word !== 'Таразда'),
      [
        ['kk', 'Тараз'],
        ['ru', '«Подозреваемые'],
        ['kk', 'Күдіктілерге'],
        ['en', 'Summary'],
      ],
    )
    // Paragraph languages are not entity annotations: the reader's highlight list has none.
    assert.ok(body.annotations.every((a) => (a.type as string) !== 'language'))
  })
})
