/**
 * Issue #6, point 6: watch subjects and alerts, end to end. Invented English, Russian and Kazakh
 * articles are ingested after an analyst watches a name (written in Latin), a saved search and a
 * resolved entity; each match records one alert (never twice, re-ingest included) with why it
 * matched, the API lists them, and each alert is POSTed to a webhook served by the test on
 * 127.0.0.1 — signed, retried after a failure, and refused when a redirect points at a private
 * address. Nothing leaves the machine.
 */
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { createAlertDelivery } from '#api/alert-delivery.ts'
import { parseSavedSearch } from '#api/alert-routes.ts'
import type { AlertListResponse, WatchSubjectResponse } from '#api/contract.ts'
import { loadConfig } from '#config/config.ts'
import type { RawDoc } from '#core/document.ts'
import { bootstrap, type Runtime } from '#src/bootstrap.ts'
import { testBackends } from '../helpers/test-database.ts'

const SECRET = 'test-secret-of-the-alert-webhook'

function doc(id: string, text: string): RawDoc {
  return {
    id,
    source: 'alerts-test',
    url: `https://news.example.test/${id}`,
    format: 'text',
    raw: text,
    published: '2026-11-20',
  }
}

// Invented articles: the same businessman in Russian, Kazakh and English, and others.
const RU_ARREST = doc(
  'ru-arrest',
  `В Караганде задержан бизнесмен Ерлан Жакыпов

Сотрудники департамента полиции Карагандинской области задержали предпринимателя Ерлана Жакыпова. По данным следствия, Жакыпов получил от дольщиков более 300 миллионов тенге на строительство жилого комплекса, который так и не был построен.

Возбуждено уголовное дело по статье «Мошенничество». Подозреваемый помещён в изолятор временного содержания, сообщили в пресс-службе ведомства.`,
)
const RU_SMUGGLING = doc(
  'ru-smuggling',
  `На границе с Кыргызстаном пресечена контрабанда сигарет

Пограничники на посту «Кордай» обнаружили в грузовике 40 тысяч пачек сигарет без акцизных марок. Водитель, гражданин Кыргызстана Азамат Токтогулов, задержан.

Начато досудебное расследование по факту контрабанды. Груз изъят, стоимость оценивается в 25 миллионов тенге.`,
)
const EN_WEATHER = doc(
  'en-weather',
  `Heavy snow closes mountain roads near Almaty

The emergencies ministry closed two mountain roads near Almaty on Friday after heavy snowfall. Rescuers helped drivers of eleven cars, a spokesman for the ministry, Daniyar Seitkali, said. No one was hurt.`,
)
const KK_COURT = doc(
  'kk-court',
  `Қарағандыда кәсіпкер Ерлан Жақыповқа қатысты іс сотқа жолданды

Қарағанды облысы полиция департаментінің тергеушілері кәсіпкер Ерлан Жақыповқа қатысты қылмыстық істі сотқа жолдады. Тергеу деректері бойынша, Жақыпов үлескерлерден 300 миллион теңгеден астам қаражат алып, тұрғын үй кешенін салмаған.

Іс «Алаяқтық» бабы бойынша қаралады.`,
)
const EN_SENTENCE = doc(
  'en-sentence',
  `Karaganda developer Yerlan Zhakypov sentenced to eight years

A court in Karaganda sentenced developer Yerlan Zhakypov to eight years in prison for fraud on Tuesday. Prosecutors said Zhakypov took more than 300 million tenge from people who paid for flats in a housing complex that was never built.

Zhakypov's lawyer said the defence would appeal.`,
)

interface Received {
  readonly path: string
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

/** A webhook receiver on 127.0.0.1: `/hook` fails its first request with 503, then answers 200. */
async function startReceiver() {
  const received: Received[] = []
  let failNext = 1
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = req.url ?? ''
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      if (path === '/to-private') {
        res.writeHead(307, { location: 'http://10.20.30.40/hook' })
        res.end()
      } else if (path === '/hook' && failNext > 0) {
        failNext--
        res.writeHead(503)
        res.end('try later')
      } else {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"ok":true}')
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    received,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

function verify(r: Received): unknown {
  const timestamp = String(r.headers['x-tergeu-timestamp'])
  const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${r.body}`).digest('hex')}`
  assert.equal(r.headers['x-tergeu-signature'], expected, 'signature over timestamp.body')
  assert.match(String(r.headers['content-type']), /^application\/json/)
  return JSON.parse(r.body)
}

for (const backend of await testBackends()) {
  describe(`alerts (${backend.name})`, () => {
    let runtime: Runtime
    let receiver: Awaited<ReturnType<typeof startReceiver>>
    let nameSubject: string
    let searchSubject: string

    before(async () => {
      receiver = await startReceiver()
      const config = loadConfig({
        TERGEU_WEBHOOK_URL: `${receiver.base}/hook`,
        TERGEU_WEBHOOK_SECRET: SECRET,
        TERGEU_WEBHOOK_ALLOW_ADDRESS: '127.0.0.1/32',
      })
      runtime = await bootstrap(config, { cwd: process.cwd(), database: await backend.open() })
    })
    after(async () => {
      await runtime?.close()
      await receiver?.close()
    })

    test('a name watched in Latin alerts on a Cyrillic article; a saved search on its match', async () => {
      const app = runtime.createHttpApp()
      const watch = async (body: unknown) => {
        const res = await app.request('/api/watch-subjects', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
        assert.equal(res.status, 200, await res.clone().text())
        return ((await res.json()) as WatchSubjectResponse).subject
      }
      nameSubject = (await watch({ name: 'Zhakypov' })).id
      const search = await watch({ search: 'q=контрабанда&lang=ru' })
      searchSubject = search.id
      assert.equal(search.kind, 'search')
      assert.deepEqual(search.search, { q: 'контрабанда', lang: 'ru' })

      const report = await runtime.ingest([RU_ARREST, RU_SMUGGLING, EN_WEATHER])
      assert.equal(report.failed.length, 0, JSON.stringify(report.failed))
      assert.equal(report.added, 3)

      const res = await app.request('/api/alerts')
      assert.equal(res.status, 200)
      const { alerts } = (await res.json()) as AlertListResponse
      const pairs = alerts.map((a) => `${a.subject.id}:${a.document.id}`).sort()
      assert.deepEqual(pairs, [`${nameSubject}:ru-arrest`, `${searchSubject}:ru-smuggling`].sort())
      const byName = alerts.find((a) => a.subject.id === nameSubject)!
      assert.equal(byName.reason.kind, 'name')
      assert.match(byName.reason.matchedName ?? '', /Жакыпов/)
      assert.ok((byName.reason.keys ?? []).some((k) => /Zhakypov ~ Жакыпов/.test(k)))
      assert.ok(byName.reason.entityId, 'the matched person’s resolved entity is named')
      const bySearch = alerts.find((a) => a.subject.id === searchSubject)!
      assert.deepEqual(bySearch.reason, { kind: 'search', query: 'q=контрабанда&lang=ru' })
    })

    test('each alert reaches the webhook once, signed, after a failed first attempt', async () => {
      // The ingest run delivered: the first POST got a 503, its retry a 200.
      const hooks = receiver.received.filter((r) => r.path === '/hook')
      assert.equal(hooks.length, 3, 'one failure and two deliveries')
      const payloads = hooks.map(verify) as {
        type: string
        alert: { id: string; document: { id: string }; subject: { id: string }; reason: unknown }
      }[]
      const delivered = new Set(payloads.slice(1).map((p) => p.alert.document.id))
      assert.deepEqual([...delivered].sort(), ['ru-arrest', 'ru-smuggling'])
      for (const p of payloads) {
        assert.equal(p.type, 'tergeu.alert')
        assert.ok([nameSubject, searchSubject].includes(p.alert.subject.id))
        assert.ok(p.alert.reason, 'the payload says why it matched')
      }
      const { alerts } = await runtime.alerts.list({ limit: 10 })
      for (const a of alerts) assert.ok(a.deliveredAt, `alert ${a.id} delivered`)
      const retried = alerts.find((a) => a.attempts === 2)
      assert.ok(retried, 'one alert needed a retry')
      assert.equal(retried.deliveryLog[0]?.status, 503)
      assert.equal(retried.deliveryLog[1]?.status, 200)
      // Nothing is due any more: a second run sends nothing.
      const before = receiver.received.length
      assert.deepEqual(await runtime.deliverAlerts(), { delivered: 0, failed: [] })
      assert.equal(receiver.received.length, before)
    })

    test('nothing is alerted twice: re-ingesting the same or an edited article adds nothing', async () => {
      const count = async () => (await runtime.alerts.list({ limit: 100 })).alerts.length
      const n = await count()
      const again = await runtime.ingest([RU_ARREST, RU_SMUGGLING])
      assert.equal(again.unchanged, 2)
      const edited = { ...RU_ARREST, raw: `${RU_ARREST.raw}\n\nДело на контроле прокуратуры.` }
      const updated = await runtime.ingest([edited])
      assert.equal(updated.updated, 1)
      assert.equal(await count(), n)
      assert.deepEqual(await runtime.alerts.checkDocuments(['ru-arrest', 'ru-smuggling']), [])
    })

    test('a watched entity alerts on its Kazakh and English mentions', async () => {
      const { alerts } = await runtime.alerts.list({ limit: 100, subjectId: nameSubject })
      const entityId = alerts[0]?.reason.entityId
      assert.ok(entityId)
      const subject = await runtime.alerts.watch({ kind: 'entity', entityId })
      assert.equal(subject.kind, 'entity')
      await runtime.ingest([KK_COURT, EN_SENTENCE])
      const page = await runtime.alerts.list({ limit: 100, subjectId: subject.id })
      const docs = page.alerts.map((a) => a.document.id)
      assert.ok(docs.includes('en-sentence'), `entity alerts: ${docs.join(', ')}`)
      for (const a of page.alerts) {
        assert.equal(a.reason.kind, 'entity')
        assert.ok(a.reason.matchedName)
      }
      // The Latin name subject matches the English and the Kazakh article too.
      const named = await runtime.alerts.list({ limit: 100, subjectId: nameSubject })
      assert.deepEqual(named.alerts.map((a) => a.document.id).sort(), [
        'en-sentence',
        'kk-court',
        'ru-arrest',
      ])
    })

    test('alerts page with a cursor, newest first', async () => {
      const all = await runtime.alerts.list({ limit: 100 })
      const app = runtime.createHttpApp()
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const q: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2'
        const page = (await (await app.request(`/api/alerts${q}`)).json()) as AlertListResponse
        assert.ok(page.alerts.length <= 2)
        seen.push(...page.alerts.map((a) => a.id))
        cursor = page.nextCursor
      } while (cursor)
      assert.deepEqual(
        seen,
        all.alerts.map((a) => a.id),
      )
      assert.ok(Number(seen[0]) > Number(seen.at(-1)))
    })

    test('a webhook redirecting to a private address is refused, loopback needs allowing', async () => {
      const subject = await runtime.alerts.watch({ kind: 'name', name: 'Daniyar Seitkali' })
      await runtime.alerts.checkDocuments(['en-weather'])
      const pending = await runtime.alerts.list({ limit: 1, subjectId: subject.id })
      assert.equal(pending.alerts.length, 1)
      const alertId = pending.alerts[0]!.id

      // Not allowed: the loopback receiver itself is refused before any connection.
      const strict = createAlertDelivery(runtime.alerts, {
        url: `${receiver.base}/hook`,
        secret: SECRET,
        backoffMs: 5,
      })
      const seenBefore = receiver.received.length
      const refused = await strict.deliverDue()
      assert.equal(refused.delivered, 0)
      assert.match(refused.failed[0]?.error ?? '', /loopback, refused/)
      assert.equal(receiver.received.length, seenBefore, 'no request reached the receiver')

      // Allowed loopback, but the receiver redirects to 10.20.30.40: refused, not retried.
      await runtime.database.db
        .withTables<{ alerts: { id: string; next_attempt_at: string; attempts: number } }>()
        .updateTable('alerts')
        .set({ next_attempt_at: new Date(0).toISOString(), attempts: 0 })
        .where('id', '=', alertId)
        .execute()
      const redirected = createAlertDelivery(runtime.alerts, {
        url: `${receiver.base}/to-private`,
        secret: SECRET,
        backoffMs: 5,
        addresses: { allow: ['127.0.0.1/32'] },
      })
      const report = await redirected.deliverDue()
      assert.equal(report.delivered, 0)
      assert.match(report.failed[0]?.error ?? '', /10\.20\.30\.40 is private, refused/)
      const after = (await runtime.alerts.list({ limit: 1, subjectId: subject.id })).alerts[0]!
      assert.equal(after.deliveredAt, null)
      assert.equal(after.attempts, 1, 'a refused address is not retried')
      assert.equal(receiver.received.at(-1)?.path, '/to-private')
    })

    test('the subject list comes in pages, oldest first, with a cursor to the next', async () => {
      const app = runtime.createHttpApp()
      const all = (await runtime.alerts.subjects()).map((s) => s.id)
      assert.ok(all.length >= 2, 'the tests above watched at least two subjects')
      const seen: string[] = []
      let url = '/api/watch-subjects?limit=1'
      for (;;) {
        const res = await app.request(url)
        assert.equal(res.status, 200)
        const body = (await res.json()) as { subjects: { id: string }[]; nextCursor: string | null }
        assert.equal(body.subjects.length, 1)
        seen.push(...body.subjects.map((s) => s.id))
        if (body.nextCursor === null) break
        url = `/api/watch-subjects?limit=1&cursor=${body.nextCursor}`
      }
      assert.deepEqual(seen, all)
      assert.equal((await app.request('/api/watch-subjects?limit=501')).status, 400)
      assert.equal((await app.request('/api/watch-subjects?cursor=abc')).status, 400)
    })

    test('unwatching removes the subject; unknown ids and bad searches are refused', async () => {
      const app = runtime.createHttpApp()
      const del = await app.request(`/api/watch-subjects/${searchSubject}`, { method: 'DELETE' })
      assert.equal(del.status, 200)
      const again = await app.request(`/api/watch-subjects/${searchSubject}`, { method: 'DELETE' })
      assert.equal(again.status, 404)
      const subjects = await runtime.alerts.subjects()
      assert.ok(!subjects.some((s) => s.id === searchSubject))
      const unknown = await app.request('/api/watch-subjects', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entity: '999999999' }),
      })
      assert.equal(unknown.status, 404)
      assert.throws(() => parseSavedSearch('q=x&colour=red'), /unknown parameter "colour"/)
      const everything = await app.request('/api/watch-subjects', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ search: 'lang=ru' }),
      })
      assert.equal(everything.status, 400)
    })
  })
}
