/**
 * Display names of the crime categories and event types the extractor emits (their codes are
 * the gold README's), in the three interface languages. A code this table does not know is shown
 * as written, with underscores as spaces, so a newer server never breaks the page.
 *
 * @module web/lib/category-names
 */
import type { UiLocale } from './i18n.ts'

type Names = Readonly<Record<string, readonly [en: string, ru: string, kk: string]>>

const CRIMES: Names = {
  homicide: ['Homicide', 'Убийство', 'Кісі өлтіру'],
  assault: ['Assault', 'Нападение, побои', 'Шабуыл, ұрып-соғу'],
  sexual_violence: ['Sexual violence', 'Сексуальное насилие', 'Жыныстық зорлық'],
  domestic_violence: ['Domestic violence', 'Бытовое насилие', 'Тұрмыстық зорлық'],
  child_abuse: ['Child abuse', 'Насилие над детьми', 'Балаларға қатысты зорлық'],
  human_trafficking: ['Human trafficking', 'Торговля людьми', 'Адам саудасы'],
  organ_trafficking: ['Organ trafficking', 'Торговля органами', 'Ағза саудасы'],
  kidnapping: ['Kidnapping', 'Похищение', 'Адам ұрлау'],
  robbery: ['Robbery', 'Грабёж, разбой', 'Тонау, қарақшылық'],
  theft: ['Theft', 'Кража', 'Ұрлық'],
  fraud: ['Fraud', 'Мошенничество', 'Алаяқтық'],
  cyber_fraud: ['Online fraud', 'Интернет-мошенничество', 'Интернет-алаяқтық'],
  cybercrime: ['Cybercrime', 'Киберпреступность', 'Киберқылмыс'],
  drug_trafficking: ['Drug trafficking', 'Наркотики', 'Есірткі'],
  corruption: ['Corruption', 'Коррупция', 'Сыбайлас жемқорлық'],
  embezzlement: ['Embezzlement', 'Растрата, присвоение', 'Иемдену, ысырап ету'],
  money_laundering: ['Money laundering', 'Отмывание денег', 'Ақшаны заңдастыру'],
  tax_evasion: ['Tax evasion', 'Уклонение от налогов', 'Салықтан жалтару'],
  smuggling: ['Smuggling', 'Контрабанда', 'Контрабанда'],
  extortion: ['Extortion', 'Вымогательство', 'Қорқытып алу'],
  organized_crime: ['Organised crime', 'Организованная преступность', 'Ұйымдасқан қылмыс'],
  terrorism_extremism: ['Terrorism, extremism', 'Терроризм, экстремизм', 'Терроризм, экстремизм'],
  espionage: ['Espionage', 'Шпионаж', 'Тыңшылық'],
  weapons_trafficking: ['Arms trafficking', 'Незаконный оборот оружия', 'Қарудың заңсыз айналымы'],
  public_order: ['Public order', 'Общественный порядок', 'Қоғамдық тәртіп'],
  treason: ['Treason', 'Госизмена', 'Мемлекетке опасындық'],
  counterfeiting: ['Counterfeiting', 'Подделка', 'Жалған жасау'],
  illegal_gambling: ['Illegal gambling', 'Незаконный игорный бизнес', 'Заңсыз ойын бизнесі'],
  other: ['Other', 'Прочее', 'Басқа'],
}

const EVENTS: Names = {
  arrest: ['Arrest', 'Задержание', 'Ұстау'],
  wanted: ['Wanted', 'Розыск', 'Іздеу'],
  extradition: ['Extradition', 'Экстрадиция', 'Экстрадиция'],
  charge: ['Charge', 'Обвинение', 'Айып тағу'],
  case_opened: ['Case opened', 'Возбуждено дело', 'Іс қозғалды'],
  sentence: ['Sentence', 'Приговор', 'Үкім'],
  seizure: ['Seizure', 'Изъятие', 'Тәркілеу'],
  asset_recovery: ['Asset recovery', 'Возврат активов', 'Активтерді қайтару'],
  legislation: ['Legislation', 'Законодательство', 'Заңнама'],
  cooperation: ['Cooperation', 'Сотрудничество', 'Ынтымақтастық'],
  incident: ['Incident', 'Происшествие', 'Оқиға'],
  flight: ['Flight abroad', 'Побег', 'Қашу'],
  release: ['Release', 'Освобождение', 'Босату'],
}

const INDEX: Readonly<Record<UiLocale, 0 | 1 | 2>> = { en: 0, ru: 1, kk: 2 }

function name(table: Names, code: string, locale: UiLocale): string {
  return table[code]?.[INDEX[locale]] ?? code.replaceAll('_', ' ')
}

/** The display name of crime category `code` ("fraud" → "Мошенничество"). */
export function crimeName(code: string, locale: UiLocale): string {
  return name(CRIMES, code, locale)
}

/** The display name of event type `code` ("case_opened" → "Іс қозғалды"). */
export function eventName(code: string, locale: UiLocale): string {
  return name(EVENTS, code, locale)
}
