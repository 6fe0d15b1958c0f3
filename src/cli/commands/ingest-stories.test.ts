import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { after, before, describe, test } from 'node:test'
import { main } from '../main.ts'

const ORIGINAL = `Полиция Павлодара задержала подозреваемого в мошенничестве с онлайн-кредитами

Сотрудники управления полиции города Павлодара задержали 29-летнего местного жителя, который, по данным следствия, оформлял онлайн-кредиты на чужие имена. Подозреваемый получал доступ к личным кабинетам граждан через поддельные сообщения о выигрыше в лотерею и за три месяца оформил займы на сумму более 14 миллионов тенге. Потерпевшими признаны одиннадцать человек, среди них пенсионеры и студенты. По факту возбуждено уголовное дело по статье «Мошенничество», подозреваемый водворён в изолятор временного содержания. В ходе обыска у него изъяли ноутбук, четыре телефона и банковские карты, оформленные на третьих лиц. Полиция напоминает жителям области, что сотрудники банков никогда не запрашивают коды из SMS-сообщений.`

// A reprint on another site: its own furniture, a shortened last paragraph.
const REPRINT = `Главные новости | Курс: USD 512,40 ▲

${ORIGINAL.replace(' Полиция напоминает жителям области, что сотрудники банков никогда не запрашивают коды из SMS-сообщений.', '')}

Фото: пресс-служба ДП Павлодарской области
Читайте также: В Экибастузе задержали угонщика`

const OTHER = `В Экибастузе задержан угонщик автомобилей

Полицейские Экибастуза задержали 34-летнего мужчину, который за месяц угнал три автомобиля со стоянок у торговых центров. Машины он продавал на запчасти через объявления в интернете. Возбуждено уголовное дело по статье «Кража», задержанный помещён в изолятор временного содержания. Автомобили возвращены владельцам.`

describe('tergeu ingest links near duplicates into stories', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tergeu-stories-'))
    await mkdir(join(dir, 'in'))
    await writeFile(join(dir, 'in', 'a-original.txt'), ORIGINAL)
    await writeFile(join(dir, 'in', 'b-reprint.txt'), REPRINT)
    await writeFile(join(dir, 'in', 'c-other.txt'), OTHER)
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('a reprint with other furniture joins the original story; an unrelated report does not', async () => {
    let out = ''
    const sink = (append: (s: string) => void) =>
      new Writable({
        write(chunk, _e, done) {
          append(String(chunk))
          done()
        },
      })
    const io = {
      stdout: sink((s) => {
        out += s
      }),
      stderr: sink(() => {}),
      env: { TERGEU_DATA_DIR: join(dir, 'data'), TERGEU_TEST_DATABASE_URL: 'off' },
      cwd: dir,
    }

    const code = await main(['ingest', '--json', join(dir, 'in')], io)

    assert.equal(code, 0)
    const report = JSON.parse(out) as { nearDuplicates: { id: string; matchOf: string }[] }
    assert.deepEqual(
      report.nearDuplicates.map((d) => [d.id, d.matchOf]),
      [['b-reprint', 'a-original']],
    )
  })
})
