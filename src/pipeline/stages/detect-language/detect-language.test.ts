import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { detectLanguage, guessLanguage, paragraphLanguages } from './detect-language.ts'

describe('guessLanguage', () => {
  const cases: [string, string, 'en' | 'ru' | 'kk'][] = [
    ['English press release', 'Police in Almaty detained a suspect wanted for fraud.', 'en'],
    [
      'Russian news',
      'В Алматы задержали подозреваемого в мошенничестве, сообщили в полиции.',
      'ru',
    ],
    [
      'Kazakh news',
      'Алматы қаласында алаяқтық жасады деп күдікті ұсталды, деп хабарлайды полиция.',
      'kk',
    ],
    [
      'Russian quoting Kazakh names',
      'Аким Сарыарки Ерлан Қожабаев заявил, что в этом году было зарегистрировано 40 преступлений.',
      'ru',
    ],
    [
      'short Kazakh without special letters in most words',
      'Полиция жыл басынан бері 240 қылмыс анықтады',
      'kk',
    ],
    ['short Russian headline', 'Суд вынес приговор бывшему акиму', 'ru'],
    [
      'Kazakh with Latin brand name',
      'BAQ.KZ тілшісі хабарлағандай, Ішкі істер министрлігі мәлімдеді.',
      'kk',
    ],
  ]
  for (const [name, text, lang] of cases) {
    it(`tells ${name}`, () => {
      assert.equal(guessLanguage(text).lang, lang)
    })
  }

  it('reads words next to emoji and other characters outside the Basic Multilingual Plane', () => {
    const text = '🚨𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆 Полиция жыл басынан бері 240 қылмыс анықтады 👮'
    assert.equal(guessLanguage(text).lang, 'kk')
    assert.equal(guessLanguage('𝐍𝐞𝐰𝐬 🚓 Суд вынес приговор бывшему акиму 👨‍⚖️').lang, 'ru')
  })
  it('gives zero confidence to text without letters', () => {
    assert.deepEqual(guessLanguage('12 345 — 678'), { lang: 'en', confidence: 0 })
  })

  it('is fast on 1 MB of hostile input', () => {
    const text = 'әә'.repeat(200_000) + '1'.repeat(600_000)
    const t0 = performance.now()
    guessLanguage(text)
    assert.ok(performance.now() - t0 < 500)
  })
})

describe('paragraphLanguages', () => {
  it('labels each paragraph of a mixed page', () => {
    const text =
      'Полиция задержала подозреваемого в краже.\n\nПолиция күдіктіні ұрлық жасады деп ұстады.\n\nPolice detained a theft suspect.'
    const paras = paragraphLanguages(text)
    assert.deepEqual(
      paras.map((p) => p.lang),
      ['ru', 'kk', 'en'],
    )
    assert.equal(
      text.slice(paras[1]!.start, paras[1]!.end),
      'Полиция күдіктіні ұрлық жасады деп ұстады.',
    )
  })
})

describe('detectLanguage stage', () => {
  it('sets lang and confidence without touching the text', () => {
    const doc = {
      id: 'a',
      source: 'a.txt',
      url: null,
      format: 'text' as const,
      raw: 'Суд вынес приговор.',
      text: 'Суд вынес приговор.',
      title: null,
      published: null,
    }
    const out = detectLanguage().run(doc, { signal: new AbortController().signal, report() {} })
    assert.ok(!(out instanceof Promise))
    assert.equal(out.lang, 'ru')
    assert.equal(out.text, doc.text)
    assert.ok(out.langConfidence > 0.5)
  })
})
