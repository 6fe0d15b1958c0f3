/**
 * Makes the code under `src/` build its regular expressions: imports every module (most
 * patterns are built once, at module load, from the lexicons) and runs the default pipeline over
 * a few documents written for this test, in en/ru/kk, that touch dates, figures, statistics,
 * events, names, places and page furniture (patterns built per call or on first use).
 */
import { pathToFileURL } from 'node:url'
import type { RawDoc } from '#core/document.ts'
import { sourceFiles } from './inventory.ts'

const DOCS: readonly [RawDoc['format'], string][] = [
  [
    'text',
    'Police in Pavlodar detain two suspects in a loan fraud scheme\n\nPAVLODAR, 3 February 2025 — Officers of the regional police department detained Kairat Zhumabekov, 41, and Aliya Serikova, 35, on suspicion of fraud. Between March 2023 and January 2025 they took out 58 loans worth more than 94.5 million tenge ($181,000) in the names of pensioners. A criminal case was opened under Article 190 of the Criminal Code. In 2024 the department registered 1,204 fraud cases, 12% fewer than a year earlier; 318 of them were solved.',
  ],
  [
    'text',
    'В Таразе осуждён бывший аким сельского округа\n\nТАРАЗ, 17 марта 2025 года. Жамбылский областной суд приговорил Бауыржана Есенова к 7 годам лишения свободы за получение взятки в размере 2,3 млн тенге. По данным Антикоррупционной службы, за 9 месяцев 2024 года в области зарегистрировано 214 коррупционных преступлений, что на 8,5% больше, чем годом ранее, из которых 96 — взяточничество. С 1 по 15 января 2025 г. задержаны ещё трое. Ранее, 12.11.2024, он был отстранён от должности. Подробнее: 01.02.2025 14:30.',
  ],
  [
    'text',
    'Шымкентте есірткі сатқан күдікті ұсталды\n\n2025 жылғы 5 сәуірде Шымкент қаласы полиция департаментінің қызметкерлері 27 жастағы тұрғынды ұстады. Оның үйінен 1,2 келі марихуана тәркіленді. 2024 жылы облыста 512 есірткі қылмысы тіркелді, бұл өткен жылмен салыстырғанда 15%-ға аз. Наурыз айында тағы екі адам ұсталды. ҚР Қылмыстық кодексінің 297-бабы бойынша іс қозғалды.',
  ],
  [
    'text',
    'Interpol notice leads to extradition from Dubai\n\nASTANA, Jan. 28, 2025 /Steppe Wire/ — The Prosecutor General’s Office said a man wanted for embezzling €2.1 million from a state company was extradited from the UAE on 27 January. He had been on the wanted list since 2022. Last week, on Monday, another suspect was arrested in Almaty. Customs officers found 300,000 som and 12,000 manat in his luggage. Read also: Court sentences smugglers — 26.01.2025',
  ],
  [
    'html',
    '<html lang="ru"><head><title>Новости — Вестник</title><meta property="article:published_time" content="2025-02-11T09:00:00+05:00"></head><body><nav>Главная | Происшествия | Спорт</nav><article><h1>В Актобе задержали мошенников</h1><p class="date">11 февраля 2025, 09:00</p><p>Сотрудники ДП Актюбинской области задержали двоих граждан 1990 и 1995 годов рождения, похитивших у жителей 15 млн тенге под видом сотрудников банка.</p><p>В январе–феврале 2025 года в регионе зарегистрировано 87 интернет-мошенничеств против 102 за аналогичный период прошлого года.</p><figure><figcaption>Фото: пресс-служба ДП</figcaption></figure></article><aside>Читайте также: Суд в Атырау, 10.02.2025</aside><footer>© 2025 Вестник. Все права защищены.</footer></body></html>',
  ],
  [
    'text',
    'Алматы қаласында бұрынғы банк қызметкері сотталды\n\nАлматы, 2025 жылдың 14 ақпаны. Алматы қалалық сотының үкімімен Ержан Сағынтаев 5 жылға бас бостандығынан айырылды. Ол 2023 жылдың қыркүйегінен 2024 жылдың мамырына дейін 38 миллион теңгені иемденген. Сот 12 қаңтарда басталды.',
  ],
]

/** Imports every module under `src/` and runs the pipeline over the documents above. */
export async function exerciseSources(): Promise<{ modules: number; failed: string[] }> {
  const failed: string[] = []
  const files = sourceFiles()
  for (const file of files) {
    try {
      await import(pathToFileURL(file).href)
    } catch (error) {
      failed.push(`${file}: ${(error as Error).message}`)
    }
  }
  const { createDefaultPipeline } = await import('#pipeline/default-pipeline.ts')
  const { runBatch } = await import('#pipeline/run-batch.ts')
  const docs: RawDoc[] = DOCS.map(([format, raw], i) => ({
    id: `regex-${i}`,
    source: 'regex-test',
    url: null,
    format,
    raw,
    published: i % 2 === 0 ? '2025-03-01' : null,
  }))
  await runBatch(createDefaultPipeline(), docs, { sink: () => {} })
  return { modules: files.length, failed }
}
