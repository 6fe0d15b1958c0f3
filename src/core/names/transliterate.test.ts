import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  kazakhLatinToCyrillic,
  kazakhToRussianLetters,
  latinToCyrillic,
  transliterate,
} from './transliterate.ts'

test('each scheme romanises Kazakh and Russian names as its standard says', () => {
  const cases: [string, 'kk2021' | 'news' | 'bgn' | 'icao', string][] = [
    ['Қасым-Жомарт Тоқаев', 'kk2021', 'Qasym-Jomart Toqaev'],
    ['Қасым-Жомарт Тоқаев', 'news', 'Kasym-Zhomart Tokayev'],
    ['Әбілов Ғалым Шыңғысұлы', 'kk2021', 'Äbılov Ğalym Şyñğysūly'],
    ['Өтепова Үміт Һ', 'kk2021', 'Ötepova Ümıt H'],
    ['Чокин', 'kk2021', 'Çokin'],
    ['Ерлан Ильин', 'news', 'Yerlan Ilin'],
    ['Григорьев', 'news', 'Grigoryev'],
    ['Дмитрий Достоевский', 'news', 'Dmitriy Dostoyevskiy'],
    ['Ғалымжан', 'bgn', 'Ghalymzhan'],
    ['Тоқаев', 'bgn', 'Toqayev'],
    ['Юлия Щербакова', 'icao', 'Iuliia Shcherbakova'],
    ['Хасенов Цой', 'icao', 'Khasenov Tsoi'],
    ['ЖОМАРТ', 'news', 'ZHOMART'],
  ]
  for (const [cyr, scheme, latin] of cases)
    assert.equal(transliterate(cyr, scheme), latin, `${cyr} (${scheme})`)
})

test('Kazakh letters fold to the Russian letters Russian texts print', () => {
  assert.equal(kazakhToRussianLetters('Тоқаев Әбіш Ұлы'), 'Токаев Абиш Улы')
})

test('Russian-style Latin spellings go back to Cyrillic', () => {
  const cases: [string, string][] = [
    ['Tokayev', 'Токаев'],
    ['Zhomart', 'Жомарт'],
    ['Dmitry', 'Дмитрий'],
    ['Yerlan', 'Ерлан'],
    ['Ablyazov', 'Аблязов'],
    ['Kassym', 'Касым'],
    ['Shcherbakov', 'Щербаков'],
    ['Nazarbayev', 'Назарбаев'],
  ]
  for (const [latin, cyr] of cases) assert.equal(latinToCyrillic(latin), cyr, latin)
})

test('Kazakh 2021 Latin goes back to Kazakh Cyrillic', () => {
  const cases: [string, string][] = [
    ['Äbılov', 'Әбілов'],
    ['Qasym-Jomart Toqaev', 'Қасым-Жомарт Тоқаев'],
    ['Ğalymjan Şyñğysūly', 'Ғалымжан Шыңғысұлы'],
    ['Ötepova Ümıt', 'Өтепова Үміт'],
    ['Çokin', 'Чокин'],
  ]
  for (const [latin, cyr] of cases) assert.equal(kazakhLatinToCyrillic(latin), cyr, latin)
})
