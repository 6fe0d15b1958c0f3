import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { findMoney } from './find-money.ts'

const amounts = (text: string, decimalComma = false) =>
  findMoney(text, { decimalComma }).map((h) => [text.slice(h.start, h.end), h.amount, h.currency])

describe('findMoney', () => {
  // One row per surface form: [sentence, decimal comma (ru/kk), expected [text, amount, currency]].
  const rows: [string, boolean, [string, number | null, string][]][] = [
    [
      'Ущерб оценивается в 23 million rubles, сообщили в полиции.',
      false,
      [['23 million rubles', 23e6, 'RUB']],
    ],
    ['Сумма взятки составила 120 млн тенге.', true, [['120 млн тенге', 120e6, 'KZT']]],
    ['Похищено 1,5 млрд рублей бюджетных средств.', true, [['1,5 млрд рублей', 1.5e9, 'RUB']]],
    ['Ущерб превысил 3,7 миллиарда тенге.', true, [['3,7 миллиарда тенге', 3.7e9, 'KZT']]],
    ['Хищение на ₸2 млрд выявили аудиторы.', true, [['₸2 млрд', 2e9, 'KZT']]],
    ['The official received $98,500 in cash.', false, [['$98,500', 98500, 'USD']]],
    ['Assets worth $1.2bn were frozen.', false, [['$1.2bn', 1.2e9, 'USD']]],
    ['He demanded US$ 5 million from the investor.', false, [['US$ 5 million', 5e6, 'USD']]],
    [
      'She was fined 393,000 tenge (about $1,500) by the court.',
      false,
      [
        ['393,000 tenge', 393000, 'KZT'],
        ['$1,500', 1500, 'USD'],
      ],
    ],
    ['A villa worth €380,000 was seized.', false, [['€380,000', 380000, 'EUR']]],
    ['Врачи получили взятку в 1,5 млн сомов.', true, [['1,5 млн сомов', 1.5e6, 'KGS']]],
    ['Ол 500 мың теңге пара алған.', true, [['500 мың теңге', 500000, 'KZT']]],
    ['Мемлекетке 2 миллиард теңге залал келтірілді.', true, [['2 миллиард теңге', 2e9, 'KZT']]],
    ['Чиновник потребовал 10 млн сом.', true, [['10 млн сом', 10e6, 'KGS']]],
    [
      'Zarar 61.8 million soums deb baholandi in Uzbekistan.',
      false,
      [['61.8 million soums', 61.8e6, 'UZS']],
    ],
    ['Ущерб составил 500 млн сумов.', true, [['500 млн сумов', 500e6, 'UZS']]],
    ['Ущерб составил 300 млн сўм.', true, [['300 млн сўм', 300e6, 'UZS']]],
    [
      'Police demanded a 20,000-manat ransom, or 20,000 manats.',
      false,
      [['20,000 manats', 20000, 'TMT']],
    ],
    ['Сомони: штраф 5 000 сомони.', true, [['5 000 сомони', 5000, 'TJS']]],
    ['Контрабанда на 2 млн юаней.', true, [['2 млн юаней', 2e6, 'CNY']]],
    ['Undeclared sums of $12.000 were found.', false, [['$12.000', 12000, 'USD']]],
    ['drugs worth KZT420mln were seized', false, [['KZT420mln', 420e6, 'KZT']]],
    ['drugs worth 420 mln tenge were seized', false, [['420 mln tenge', 420e6, 'KZT']]],
    ['Штраф — 150 тыс. тенге.', true, [['150 тыс. тенге', 150000, 'KZT']]],
    ['Ол 5 млн теңгеге сатпақ болған.', true, [['5 млн теңгеге', 5e6, 'KZT']]],
    ['Пара 24 миллион теңгенің көлемінде.', true, [['24 миллион теңгенің', 24e6, 'KZT']]],
    ['Сумма: 1 700 000 000 тенге.', true, [['1 700 000 000 тенге', 1.7e9, 'KZT']]],
    [
      'KZT 8.6 billion and USD 43,800 were paid.',
      false,
      [
        ['KZT 8.6 billion', 8.6e9, 'KZT'],
        ['USD 43,800', 43800, 'USD'],
      ],
    ],
    ['1.5 billion KZT was embezzled', false, [['1.5 billion KZT', 1.5e9, 'KZT']]],
    ['They paid $80.6 thousand.', false, [['$80.6 thousand', 80600, 'USD']]],
    ['Each call cost 27 cents.', false, [['27 cents', 0.27, 'USD']]],
    ['Взятка в размере 2 миллиона долларов.', true, [['2 миллиона долларов', 2e6, 'USD']]],
    ['Bribe of 100 thousand euros.', false, [['100 thousand euros', 100000, 'EUR']]],
    ['Ущерб – 5 млн руб.', true, [['5 млн руб.', 5e6, 'RUB']]],
    ['Он украл £250,000 in London.', false, [['£250,000', 250000, 'GBP']]],
    ['Ущерб — 1 млн 200 тыс. тенге.', true, [['1 млн 200 тыс. тенге', 1.2e6, 'KZT']]],
    ['Залал 2 миллиард 300 миллион теңге.', true, [['2 миллиард 300 миллион теңге', 2.3e9, 'KZT']]],
    [
      'Штраф в размере 500 000 (пятьсот тысяч) тенге.',
      true,
      [['500 000 (пятьсот тысяч) тенге', 500000, 'KZT']],
    ],
    ['He asked for a million dollars.', false, [['a million dollars', 1e6, 'USD']]],
    ['Взятка — два миллиона долларов.', true, [['два миллиона долларов', 2e6, 'USD']]],
    ['Похитил более миллиона рублей.', true, [['миллиона рублей', 1e6, 'RUB']]],
    ['Ущерб — полтора миллиона тенге.', true, [['полтора миллиона тенге', 1.5e6, 'KZT']]],
    ['Ол бір миллион теңге пара алды.', true, [['бір миллион теңге', 1e6, 'KZT']]],
    ['Ол 3 мың АҚШ долларын алды.', true, [['3 мың АҚШ долларын', 3000, 'USD']]],
    ['Изъято 5 000 $ наличными.', true, [['5 000 $', 5000, 'USD']]],
    ['He took a $5-million bribe.', false, [['$5-million', 5e6, 'USD']]],
    ['Paid 10,000 Hong Kong dollars.', false, [['10,000 Hong Kong dollars', 10000, 'HKD']]],
    ['He paid 3 sums of money.', false, []],
    ['In 2019 500 million tenge was stolen.', false, [['500 million tenge', 5e8, 'KZT']]],
  ]
  for (const [text, dc, expected] of rows) {
    test(`reads "${expected.map((e) => e[0]).join('", "') || text}"`, () => {
      assert.deepEqual(amounts(text, dc), expected)
    })
  }

  test('gives both ends of a range, the low end with the shared scale', () => {
    assert.deepEqual(amounts('Fines range from 5 to 10 million tenge.'), [
      ['from 5 to 10 million tenge', 5e6, 'KZT'],
      ['10 million tenge', 10e6, 'KZT'],
    ])
    assert.deepEqual(amounts('Bribes of $5-10 million.'), [
      ['$5-10 million', 5e6, 'USD'],
      ['10 million', 10e6, 'USD'],
    ])
  })

  test('keeps the low end unscaled when scaling would pass the high end', () => {
    assert.deepEqual(amounts('Нужно было внести от 20 до 10 тыс. долларов.', true), [
      ['от 20 до 10 тыс. долларов', 20, 'USD'],
      ['10 тыс. долларов', 10000, 'USD'],
    ])
  })

  test('gives a scaled amount without a currency the currency just before it', () => {
    const text =
      'Она перевела мошенникам 4 млн тенге. Через год перевела еще 13 млн. Пострадали 2 млн человек.'
    assert.deepEqual(amounts(text, true), [
      ['4 млн тенге', 4e6, 'KZT'],
      ['13 млн', 13e6, 'KZT'],
    ])
  })

  test('finds vague amounts with a null amount', () => {
    const text =
      'He stole hundreds of millions of U.S. dollars; billions of dollars left; a multi-billion-dollar fraud; ущерб на миллиарды рублей; миллиондаған теңге.'
    assert.deepEqual(amounts(text), [
      ['hundreds of millions of U.S. dollars', null, 'USD'],
      ['billions of dollars', null, 'USD'],
      ['multi-billion-dollar', null, 'USD'],
      ['миллиарды рублей', null, 'RUB'],
      ['миллиондаған теңге', null, 'KZT'],
    ])
  })

  test('reads "som" as the Uzbek sum on a page about Uzbekistan', () => {
    assert.deepEqual(amounts('An Uzbek official in Tashkent took 50 million som.'), [
      ['50 million som', 50e6, 'UZS'],
    ])
  })

  test('reads "manat" as the Azerbaijani manat only on a page about Azerbaijan', () => {
    assert.deepEqual(amounts('In Azerbaijan, a judge took 5,000 manat.'), [
      ['5,000 manat', 5000, 'AZN'],
    ])
  })

  test('keeps scaled amounts free of binary noise and rounds huge ones to 12 digits', () => {
    assert.deepEqual(amounts('Ущерб составил 1,1 млрд тенге, а 0,3 млн тенге вернули.', true), [
      ['1,1 млрд тенге', 1.1e9, 'KZT'],
      ['0,3 млн тенге', 300000, 'KZT'],
    ])
    assert.deepEqual(amounts('Losses reached $1.234567891234 trillion.'), [
      ['$1.234567891234 trillion', 1234567891230, 'USD'],
    ])
  })

  test('tells a ticker line from an amount in prose', () => {
    assert.deepEqual(amounts('USD 86.50\nEUR 92.10\nA bribe of $5,000 was paid.'), [
      ['$5,000', 5000, 'USD'],
    ])
  })

  test('reads a number of thousands of digit groups in linear time', () => {
    const text = `Сумма: ${'1 000 '.repeat(100_000)}тенге и ${'$1 '.repeat(20_000)}штраф.`
    const started = performance.now()
    const hits = findMoney(text, { decimalComma: true })
    const ms = performance.now() - started
    assert.ok(hits.length > 0)
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`)
  })

  test('takes no years, percentages, article numbers, phones, quantities or exchange rates as money', () => {
    const text =
      'In 2019 crime fell by 5% under article 190; call 8 777 123 45 67; 500 tonnes and 2 million doses were seized. Rate: 153.01 tenge = $ 1, KGS 100 soum= $42.0481.'
    assert.deepEqual(amounts(text), [])
  })
})
