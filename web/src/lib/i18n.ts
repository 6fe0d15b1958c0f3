/**
 * The interface's own words in English, Russian and Kazakh. The user's choice is remembered in
 * `localStorage`; without one, the browser's preferred languages decide, and Russian — what most
 * analysts in Kazakhstan work in — is the fallback. Article text is never translated: only the
 * labels, buttons and messages around it.
 *
 * Every locale is a full {@link Messages} object, so a missing translation fails the type check.
 * Counts go through `Intl.PluralRules` (Russian has one/few/many forms, Kazakh nouns do not
 * inflect after numerals).
 *
 * @module web/lib/i18n
 */
import type { AnnotationType } from '#api/contract.ts'
import type { Lang } from '#core/lang.ts'

/** A language the interface speaks (the same three as the record). */
export type UiLocale = Lang

/** The locales in the order the picker lists them. */
export const UI_LOCALES: readonly UiLocale[] = ['ru', 'kk', 'en']

/** Plural forms of a noun after a number, as `Intl.PluralRules` names them. */
type Forms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string }

/** Everything the interface says. */
export interface Messages {
  readonly locale: UiLocale
  readonly pickerLabel: string
  readonly searchLabel: string
  readonly searchPlaceholder: string
  readonly searchButton: string
  readonly languageFilter: string
  readonly allLanguages: string
  readonly resultsLabel: string
  readonly documentLabel: string
  readonly welcomeTitle: string
  readonly welcomeText: string
  readonly documents: Forms
  readonly inRecord: (count: string, noun: string) => string
  readonly tryExamples: string
  readonly searching: string
  readonly opening: string
  readonly noMatch: (q: string) => readonly [string, string, string]
  readonly noMatchHint: string
  readonly noMatchFilters: string
  readonly shownOf: (shown: string, total: string, noun: string) => string
  readonly shownAll: (shown: string, noun: string) => string
  /** An estimated number: "about 310,000". */
  readonly about: (n: string) => string
  readonly loadMore: string
  readonly undated: string
  readonly untitled: string
  readonly backToResults: string
  readonly extractor: (version: string) => string
  readonly highlightTypes: string
  readonly toggleType: (name: string) => string
  readonly noneOfType: string
  readonly extractedFacts: (count: string) => string
  readonly nothingExtracted: string
  readonly showFirstMention: string
  readonly notFound: string
  readonly serverError: (message: string) => string
  readonly unreachable: string
  /** The sign-in page and the sign-out link (web/src/pages/login). */
  readonly login: {
    readonly title: string
    readonly intro: string
    readonly username: string
    readonly password: string
    readonly submit: string
    readonly signingIn: string
    readonly wrong: string
    readonly tooMany: string
    readonly failed: (message: string) => string
    readonly signOut: string
    readonly signedInAs: (name: string, role: string) => string
  }
  readonly annotation: Readonly<Record<AnnotationType, string>>
  readonly facetsLabel: string
  readonly facet: Readonly<
    Record<
      'lang' | 'source' | 'crime' | 'event' | 'location' | 'person' | 'organization' | 'within',
      string
    >
  >
  readonly facetsSampled: string
  readonly activeFilters: string
  readonly removeFilter: (what: string) => string
  readonly clearFilters: string
  readonly moreValues: string
  readonly fewerValues: string
  readonly dateFrom: string
  readonly dateTo: string
  readonly sortLabel: string
  readonly sortNames: Readonly<Record<'relevance' | 'newest' | 'oldest', string>>
  readonly browseTitle: string
  readonly viewList: string
  readonly viewMap: string
  readonly views: string
  readonly mapKazakhstan: string
  readonly mapCentralAsia: string
  readonly mapTitle: (what: string) => string
  readonly mapCount: (count: string, noun: string) => string
  readonly mapIncludes: (names: string) => string
  readonly mapNote: string
  readonly mapNone: string
  readonly mapTableArea: string
  readonly mapTableCount: string
  readonly mapLegend: string
  readonly openProfile: string
  readonly profileLabel: string
  readonly profileNames: string
  readonly profileRoles: string
  readonly profileTitles: string
  readonly profileIdentifiers: string
  readonly profileCrimes: string
  readonly profileDocuments: string
  readonly profileWith: string
  readonly profileTimeline: string
  readonly profileNoTimeline: string
  readonly profileMerged: (from: string) => string
  readonly profileNotFound: (name: string) => string
  readonly mentionsCount: (count: number) => string
  readonly approximateDate: string
  readonly closeProfile: string
  readonly role: Readonly<Record<string, string>>
  readonly navSearch: string
  readonly navScreen: string
  readonly screenTitle: string
  readonly screenIntro: string
  readonly screenNamesLabel: string
  readonly screenUpload: string
  readonly screenButton: string
  readonly screenWeaker: string
  readonly screenRunning: string
  readonly screenTooMany: (max: string) => string
  readonly screenNoNames: string
  readonly screenNoMatch: string
  readonly screenSame: string
  readonly screenPossible: string
  readonly screenFlagged: string
  readonly screenScore: string
  readonly screenDownload: string
  readonly screenSummary: (names: string, hits: string) => string
  readonly screenWatchlistHits: string
  readonly screenWatchlistEntry: (list: string, entry: string) => string
  readonly screenOpenProfile: string
  readonly screenListedInRecord: string
  readonly viewCharts: string
  readonly chartTimeline: (unit: 'month' | 'year') => string
  readonly chartOther: string
  readonly chartUndated: (count: string) => string
  readonly chartMoney: string
  readonly chartCurrency: string
  readonly chartAmounts: string
  readonly chartTotal: string
  readonly chartInKzt: string
  readonly chartInUsd: string
  readonly chartSeries: string
  readonly chartFigures: string
  readonly chartNothing: string
  readonly chartSource: (title: string) => string
  readonly viewGraph: string
  readonly graphTitle: (nodes: string, docs: string) => string
  readonly graphShow: string
  readonly graphExpand: string
  readonly graphFilter: string
  readonly graphEmpty: string
  readonly graphLinks: (count: string) => string
  readonly graphHint: string
  readonly storyTitle: (count: string) => string
  readonly storyKind: Readonly<Record<'new' | 'exact' | 'near', string>>
  readonly watchTitle: string
  readonly watchIntro: string
  readonly watchName: string
  readonly watchAdd: string
  readonly watchRemove: string
  readonly watchNone: string
  readonly watchThis: string
  readonly watchSearch: string
  readonly watching: string
  readonly watchKind: Readonly<Record<'entity' | 'name' | 'search', string>>
  readonly alertsTitle: string
  readonly alertsNone: string
  readonly alertDelivered: string
  readonly alertPending: (attempts: string) => string
}

const en: Messages = {
  locale: 'en',
  pickerLabel: 'Interface language',
  searchLabel: 'Search',
  searchPlaceholder: 'Search: extradition, мошенничество, алаяқтық…',
  searchButton: 'Search',
  languageFilter: 'Language of documents',
  allLanguages: 'All languages',
  resultsLabel: 'Search results',
  documentLabel: 'Document',
  welcomeTitle: 'Search the record',
  welcomeText:
    'Full-text search over crime and law-enforcement reporting in English, Russian and Kazakh.',
  documents: { one: 'document', other: 'documents' },
  inRecord: (count, noun) => `${count} ${noun} in the record.`,
  tryExamples: 'Try: ',
  searching: 'Searching…',
  opening: 'Opening the document…',
  noMatch: (q) => ['No documents match ', q, '.'],
  noMatchHint: 'Check the spelling, use fewer words, or try the word in another language.',
  noMatchFilters: 'No documents pass these filters. Remove one to see more.',
  shownOf: (shown, total, noun) => `${shown} of ${total} ${noun}`,
  shownAll: (shown, noun) => `${shown} ${noun}`,
  about: (n) => `about ${n}`,
  loadMore: 'More results',
  undated: 'undated',
  untitled: '(untitled)',
  backToResults: '← Results',
  extractor: (version) => `Extractor ${version}`,
  highlightTypes: 'Highlight types',
  toggleType: (name) => `Hide or show ${name.toLowerCase()} highlights`,
  noneOfType: 'none in this document',
  extractedFacts: (count) => `Extracted facts (${count})`,
  nothingExtracted: 'Nothing was extracted from this document.',
  showFirstMention: 'Show the first mention',
  notFound: 'That document is not in the record.',
  serverError: (message) => `The server could not answer: ${message}`,
  unreachable: 'The server cannot be reached. Is `tergeu serve` running?',
  login: {
    title: 'Sign in',
    intro: 'This Tergeu server needs an account. Ask an admin for one.',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    signingIn: 'Signing in…',
    wrong: 'Wrong user name or password.',
    tooMany: 'Too many attempts. Wait a minute and try again.',
    failed: (message) => `Could not sign in: ${message}`,
    signOut: 'Sign out',
    signedInAs: (name, role) => `Signed in as ${name} (${role})`,
  },
  annotation: {
    person: 'Person',
    organization: 'Organisation',
    location: 'Place',
    money: 'Money',
    date: 'Date',
    crime: 'Crime',
    event: 'Event',
    statistic: 'Statistic',
    boilerplate: 'Page furniture',
  },
  facetsLabel: 'Refine',
  facet: {
    lang: 'Language',
    source: 'Source',
    crime: 'Crime',
    event: 'Event',
    location: 'Place',
    person: 'Person',
    organization: 'Organisation',
    within: 'Area',
  },
  facetsSampled: 'Counts over a sample of the matches (up to 5,000).',
  activeFilters: 'Active filters',
  removeFilter: (what) => `Remove filter: ${what}`,
  clearFilters: 'Clear all',
  moreValues: 'more…',
  fewerValues: 'fewer',
  dateFrom: 'From',
  dateTo: 'To',
  sortLabel: 'Sort',
  sortNames: { relevance: 'Relevance', newest: 'Newest first', oldest: 'Oldest first' },
  browseTitle: 'Documents',
  viewList: 'List',
  viewMap: 'Map',
  views: 'Show results as',
  mapKazakhstan: 'Kazakhstan by region',
  mapCentralAsia: 'Central Asia by country',
  mapTitle: (what) => `${what}: documents naming a place`,
  mapCount: (count, noun) => `${count} ${noun}`,
  mapIncludes: (names) => `includes ${names}`,
  mapNote:
    'Boundaries are Natural Earth’s, which predate 2022: Abai is drawn within East Kazakhstan, Jetisu within Almaty region, Ulytau within Karaganda region and Shymkent within Turkistan region. Choose an area to filter the results by it.',
  mapNone: 'No document of this search names a place on this map.',
  mapTableArea: 'Area',
  mapTableCount: 'Documents',
  mapLegend: 'Documents per area',
  openProfile: 'Profile',
  profileLabel: 'Entity profile',
  profileNames: 'Names and spellings',
  profileRoles: 'Roles',
  profileTitles: 'Titles',
  profileIdentifiers: 'Identifiers (IIN/BIN)',
  profileCrimes: 'Crime categories',
  profileDocuments: 'Documents',
  profileWith: 'Named together with',
  profileTimeline: 'Case timeline',
  profileNoTimeline: 'No dated events name this entity yet.',
  profileMerged: (from) => `Entity ${from} was merged into this one.`,
  profileNotFound: (name) => `“${name}” is not yet resolved to an entity in the record.`,
  mentionsCount: (count) => `${count.toLocaleString('en')} mention${count === 1 ? '' : 's'}`,
  approximateDate: 'date of the article (the event date is not given)',
  closeProfile: '← Back',
  role: {
    convict: 'convicted',
    suspect: 'suspect',
    victim: 'victim',
    official: 'official',
    politician: 'politician',
    lawyer: 'lawyer',
    journalist: 'journalist',
    other: 'other',
  },
  navSearch: 'Search',
  navScreen: 'Screening',
  screenTitle: 'Screen names against the record',
  screenIntro:
    'Paste names (one per line) or upload a CSV. Every spelling is compared: Cyrillic Russian and Kazakh, Latin transliterations, case forms, typos.',
  screenNamesLabel: 'Names, one per line',
  screenUpload: 'Upload CSV',
  screenButton: 'Screen',
  screenWeaker: 'Also show weaker matches',
  screenRunning: 'Screening…',
  screenTooMany: (max) => `At most ${max} names at a time; the rest were left out.`,
  screenNoNames: 'Give at least one name.',
  screenNoMatch: 'Not in the record.',
  screenSame: 'match',
  screenPossible: 'possible match',
  screenFlagged: 'suspect or convicted',
  screenScore: 'score',
  screenDownload: 'Download results (CSV)',
  screenSummary: (names, hits) => `${names} names screened, ${hits} with matches.`,
  screenWatchlistHits: 'On the loaded watchlists',
  screenWatchlistEntry: (list, entry) => `list ${list}, entry ${entry}`,
  screenOpenProfile: 'profile',
  screenListedInRecord: 'In the record:',
  viewCharts: 'Charts',
  chartTimeline: (unit) => `Documents per ${unit} by crime category`,
  chartOther: 'other or none',
  chartUndated: (count) => `${count} without a publication month are not shown.`,
  chartMoney: 'Amounts named in the documents',
  chartCurrency: 'Currency',
  chartAmounts: 'Amounts',
  chartTotal: 'Total',
  chartInKzt: '≈ KZT',
  chartInUsd: '≈ USD',
  chartSeries: 'Statistics reported in the texts',
  chartFigures: 'Other reported figures',
  chartNothing: 'Nothing to chart for this search.',
  chartSource: (title) => `Source: ${title}`,
  viewGraph: 'Network',
  graphTitle: (nodes, docs) =>
    `${nodes} people and organisations named together in ${docs} documents`,
  graphShow: 'Show',
  graphExpand: 'Expand',
  graphFilter: 'Filter by',
  graphEmpty: 'No people or organisations in these documents.',
  graphLinks: (count) => `${count} links`,
  graphHint:
    'Choose a node to see its links; Expand brings in everyone named with it in any document. Thicker lines: more shared documents; coloured lines: events between a subject and an agency.',
  storyTitle: (count) => `Same story elsewhere (${count})`,
  storyKind: { new: 'first seen', exact: 'same text', near: 'reprint or edited version' },
  watchTitle: 'Watched subjects',
  watchIntro:
    'New documents that name a watched person (in any spelling), mention a watched entity or match a saved search raise an alert, once per document; a configured webhook receives it.',
  watchName: 'Name to watch',
  watchAdd: 'Watch',
  watchRemove: 'Stop watching',
  watchNone: 'Nothing is watched yet.',
  watchThis: 'Watch',
  watchSearch: 'Watch this search',
  watching: 'Watched',
  watchKind: { entity: 'entity', name: 'name', search: 'search' },
  alertsTitle: 'Alerts',
  alertsNone: 'No alerts yet.',
  alertDelivered: 'delivered',
  alertPending: (attempts) => `not delivered (${attempts} attempts)`,
}

const ru: Messages = {
  locale: 'ru',
  pickerLabel: 'Язык интерфейса',
  searchLabel: 'Поиск',
  searchPlaceholder: 'Поиск: экстрадиция, мошенничество, алаяқтық…',
  searchButton: 'Найти',
  languageFilter: 'Язык документов',
  allLanguages: 'Все языки',
  resultsLabel: 'Результаты поиска',
  documentLabel: 'Документ',
  welcomeTitle: 'Поиск по базе',
  welcomeText:
    'Полнотекстовый поиск по сообщениям о преступлениях и работе правоохранительных органов на английском, русском и казахском языках.',
  documents: { one: 'документ', few: 'документа', many: 'документов', other: 'документа' },
  inRecord: (count, noun) => `В базе ${count} ${noun}.`,
  tryExamples: 'Например: ',
  searching: 'Идёт поиск…',
  opening: 'Открываем документ…',
  noMatch: (q) => ['По запросу ', q, ' ничего не найдено.'],
  noMatchHint: 'Проверьте написание, сократите запрос или попробуйте слово на другом языке.',
  noMatchFilters: 'Под эти фильтры не подходит ни один документ. Уберите какой-нибудь из них.',
  shownOf: (shown, total, noun) => `${shown} из ${total} ${noun}`,
  shownAll: (shown, noun) => `${shown} ${noun}`,
  about: (n) => `около ${n}`,
  loadMore: 'Ещё результаты',
  undated: 'без даты',
  untitled: '(без заголовка)',
  backToResults: '← К результатам',
  extractor: (version) => `Версия экстрактора ${version}`,
  highlightTypes: 'Типы выделений',
  toggleType: (name) => `Скрыть или показать: ${name.toLowerCase()}`,
  noneOfType: 'в этом документе нет',
  extractedFacts: (count) => `Извлечённые факты (${count})`,
  nothingExtracted: 'Из этого документа ничего не извлечено.',
  showFirstMention: 'Показать первое упоминание',
  notFound: 'Такого документа в базе нет.',
  serverError: (message) => `Сервер не смог ответить: ${message}`,
  unreachable: 'Сервер недоступен. Запущен ли `tergeu serve`?',
  login: {
    title: 'Вход',
    intro: 'Для этого сервера Tergeu нужна учётная запись. Её выдаёт администратор.',
    username: 'Имя пользователя',
    password: 'Пароль',
    submit: 'Войти',
    signingIn: 'Вход…',
    wrong: 'Неверное имя пользователя или пароль.',
    tooMany: 'Слишком много попыток. Подождите минуту и попробуйте снова.',
    failed: (message) => `Не удалось войти: ${message}`,
    signOut: 'Выйти',
    signedInAs: (name, role) => `Вы вошли как ${name} (${role})`,
  },
  annotation: {
    person: 'Лицо',
    organization: 'Организация',
    location: 'Место',
    money: 'Сумма',
    date: 'Дата',
    crime: 'Преступление',
    event: 'Событие',
    statistic: 'Статистика',
    boilerplate: 'Служебные элементы страницы',
  },
  facetsLabel: 'Уточнить',
  facet: {
    lang: 'Язык',
    source: 'Источник',
    crime: 'Преступление',
    event: 'Событие',
    location: 'Место',
    person: 'Лицо',
    organization: 'Организация',
    within: 'Территория',
  },
  facetsSampled: 'Подсчёт по выборке совпадений (до 5 000).',
  activeFilters: 'Фильтры',
  removeFilter: (what) => `Убрать фильтр: ${what}`,
  clearFilters: 'Сбросить',
  moreValues: 'ещё…',
  fewerValues: 'свернуть',
  dateFrom: 'С',
  dateTo: 'По',
  sortLabel: 'Порядок',
  sortNames: { relevance: 'По релевантности', newest: 'Сначала новые', oldest: 'Сначала старые' },
  browseTitle: 'Документы',
  viewList: 'Список',
  viewMap: 'Карта',
  views: 'Показать результаты',
  mapKazakhstan: 'Казахстан по областям',
  mapCentralAsia: 'Центральная Азия по странам',
  mapTitle: (what) => `${what}: документы с упоминанием мест`,
  mapCount: (count, noun) => `${count} ${noun}`,
  mapIncludes: (names) => `включая: ${names}`,
  mapNote:
    'Границы взяты из Natural Earth и старше 2022 года: область Абай показана в составе Восточно-Казахстанской, Жетысуская — в составе Алматинской, Улытауская — в составе Карагандинской, Шымкент — в составе Туркестанской области. Нажмите на область, чтобы отфильтровать результаты.',
  mapNone: 'Ни один документ этого поиска не упоминает мест на этой карте.',
  mapTableArea: 'Территория',
  mapTableCount: 'Документы',
  mapLegend: 'Документов на территорию',
  openProfile: 'Профиль',
  profileLabel: 'Профиль',
  profileNames: 'Имена и написания',
  profileRoles: 'Роли',
  profileTitles: 'Должности',
  profileIdentifiers: 'Идентификаторы (ИИН/БИН)',
  profileCrimes: 'Категории преступлений',
  profileDocuments: 'Документы',
  profileWith: 'Упоминается вместе с',
  profileTimeline: 'Хронология дела',
  profileNoTimeline: 'Пока нет событий с датой, где упоминается это лицо.',
  profileMerged: (from) => `Запись ${from} объединена с этой.`,
  profileNotFound: (name) => `«${name}» пока не сопоставлен(а) ни с одной записью базы.`,
  mentionsCount: (count) => `упоминаний: ${count.toLocaleString('ru')}`,
  approximateDate: 'дата статьи (дата события не указана)',
  closeProfile: '← Назад',
  role: {
    convict: 'осуждённый',
    suspect: 'подозреваемый',
    victim: 'потерпевший',
    official: 'должностное лицо',
    politician: 'политик',
    lawyer: 'адвокат',
    journalist: 'журналист',
    other: 'другое',
  },
  navSearch: 'Поиск',
  navScreen: 'Проверка',
  screenTitle: 'Проверка имён по базе',
  screenIntro:
    'Вставьте имена (по одному в строке) или загрузите CSV. Сравниваются все написания: русская и казахская кириллица, латинская транслитерация, падежные формы, опечатки.',
  screenNamesLabel: 'Имена, по одному в строке',
  screenUpload: 'Загрузить CSV',
  screenButton: 'Проверить',
  screenWeaker: 'Показывать и слабые совпадения',
  screenRunning: 'Идёт проверка…',
  screenTooMany: (max) => `Не больше ${max} имён за раз; остальные не проверены.`,
  screenNoNames: 'Укажите хотя бы одно имя.',
  screenNoMatch: 'В базе нет.',
  screenSame: 'совпадение',
  screenPossible: 'возможное совпадение',
  screenFlagged: 'подозреваемый или осуждённый',
  screenScore: 'сходство',
  screenDownload: 'Скачать результаты (CSV)',
  screenSummary: (names, hits) => `Проверено имён: ${names}, с совпадениями: ${hits}.`,
  screenWatchlistHits: 'В загруженных списках',
  screenWatchlistEntry: (list, entry) => `список ${list}, запись ${entry}`,
  screenOpenProfile: 'профиль',
  screenListedInRecord: 'В базе:',
  viewCharts: 'Графики',
  chartTimeline: (unit) =>
    `Документы по ${unit === 'month' ? 'месяцам' : 'годам'} и категориям преступлений`,
  chartOther: 'другое или без категории',
  chartUndated: (count) => `Документы без месяца публикации (${count}) не показаны.`,
  chartMoney: 'Суммы, названные в документах',
  chartCurrency: 'Валюта',
  chartAmounts: 'Сумм',
  chartTotal: 'Итого',
  chartInKzt: '≈ KZT',
  chartInUsd: '≈ USD',
  chartSeries: 'Статистика из текстов',
  chartFigures: 'Другие показатели из текстов',
  chartNothing: 'Для этого поиска строить нечего.',
  chartSource: (title) => `Источник: ${title}`,
  viewGraph: 'Связи',
  graphTitle: (nodes, docs) =>
    `Лица и организации, упомянутые вместе (${nodes}), в документах: ${docs}`,
  graphShow: 'Показать',
  graphExpand: 'Раскрыть',
  graphFilter: 'Фильтр',
  graphEmpty: 'В этих документах нет лиц и организаций.',
  graphLinks: (count) => `связей: ${count}`,
  graphHint:
    'Выберите узел, чтобы увидеть его связи; «Раскрыть» добавит всех, кто упоминается с ним в любых документах. Толще линия — больше общих документов; цветная — события между фигурантом и ведомством.',
  storyTitle: (count) => `Та же новость в других источниках (${count})`,
  storyKind: { new: 'первая публикация', exact: 'тот же текст', near: 'перепечатка или правка' },
  watchTitle: 'Отслеживаемые',
  watchIntro:
    'Новые документы, где названо отслеживаемое имя (в любом написании), упомянута запись или которые подходят под сохранённый поиск, создают оповещение — одно на документ; настроенный вебхук получает его.',
  watchName: 'Имя для отслеживания',
  watchAdd: 'Отслеживать',
  watchRemove: 'Не отслеживать',
  watchNone: 'Пока ничего не отслеживается.',
  watchThis: 'Отслеживать',
  watchSearch: 'Отслеживать этот поиск',
  watching: 'Отслеживается',
  watchKind: { entity: 'запись', name: 'имя', search: 'поиск' },
  alertsTitle: 'Оповещения',
  alertsNone: 'Оповещений пока нет.',
  alertDelivered: 'доставлено',
  alertPending: (attempts) => `не доставлено (попыток: ${attempts})`,
}

const kk: Messages = {
  locale: 'kk',
  pickerLabel: 'Интерфейс тілі',
  searchLabel: 'Іздеу',
  searchPlaceholder: 'Іздеу: экстрадиция, мошенничество, алаяқтық…',
  searchButton: 'Іздеу',
  languageFilter: 'Құжаттардың тілі',
  allLanguages: 'Барлық тілдер',
  resultsLabel: 'Іздеу нәтижелері',
  documentLabel: 'Құжат',
  welcomeTitle: 'Деректер қорынан іздеу',
  welcomeText:
    'Қылмыс және құқық қорғау органдарының жұмысы туралы ағылшын, орыс және қазақ тілдеріндегі хабарламалар бойынша толық мәтінді іздеу.',
  documents: { other: 'құжат' },
  inRecord: (count, noun) => `Деректер қорында ${count} ${noun} бар.`,
  tryExamples: 'Мысалы: ',
  searching: 'Ізделуде…',
  opening: 'Құжат ашылуда…',
  noMatch: (q) => ['', q, ' сұрауы бойынша ештеңе табылмады.'],
  noMatchHint: 'Жазылуын тексеріңіз, сұрауды қысқартыңыз немесе сөзді басқа тілде жазып көріңіз.',
  noMatchFilters: 'Бұл сүзгілерге сай құжат жоқ. Біреуін алып тастап көріңіз.',
  shownOf: (shown, total, noun) => `${total} ${noun} ішінен ${shown}`,
  shownAll: (shown, noun) => `${shown} ${noun}`,
  about: (n) => `шамамен ${n}`,
  loadMore: 'Тағы нәтижелер',
  undated: 'күні жоқ',
  untitled: '(тақырыпсыз)',
  backToResults: '← Нәтижелерге',
  extractor: (version) => `Экстрактор нұсқасы ${version}`,
  highlightTypes: 'Белгілеу түрлері',
  toggleType: (name) => `Жасыру не көрсету: ${name.toLowerCase()}`,
  noneOfType: 'бұл құжатта жоқ',
  extractedFacts: (count) => `Алынған деректер (${count})`,
  nothingExtracted: 'Бұл құжаттан ештеңе алынбады.',
  showFirstMention: 'Алғашқы аталған жерін көрсету',
  notFound: 'Мұндай құжат деректер қорында жоқ.',
  serverError: (message) => `Сервер жауап бере алмады: ${message}`,
  unreachable: 'Серверге қосылу мүмкін емес. `tergeu serve` іске қосылды ма?',
  login: {
    title: 'Кіру',
    intro: 'Бұл Tergeu серверіне тіркелгі қажет. Оны әкімші береді.',
    username: 'Пайдаланушы аты',
    password: 'Құпиясөз',
    submit: 'Кіру',
    signingIn: 'Кіру…',
    wrong: 'Пайдаланушы аты немесе құпиясөз қате.',
    tooMany: 'Тым көп әрекет. Бір минут күтіп, қайталап көріңіз.',
    failed: (message) => `Кіру мүмкін болмады: ${message}`,
    signOut: 'Шығу',
    signedInAs: (name, role) => `${name} ретінде кірдіңіз (${role})`,
  },
  annotation: {
    person: 'Тұлға',
    organization: 'Ұйым',
    location: 'Орын',
    money: 'Сома',
    date: 'Күн',
    crime: 'Қылмыс',
    event: 'Оқиға',
    statistic: 'Статистика',
    boilerplate: 'Беттің қызметтік бөліктері',
  },
  facetsLabel: 'Нақтылау',
  facet: {
    lang: 'Тіл',
    source: 'Дереккөз',
    crime: 'Қылмыс',
    event: 'Оқиға',
    location: 'Орын',
    person: 'Тұлға',
    organization: 'Ұйым',
    within: 'Аумақ',
  },
  facetsSampled: 'Сәйкестіктердің іріктемесі бойынша есептелді (5 000-ға дейін).',
  activeFilters: 'Сүзгілер',
  removeFilter: (what) => `Сүзгіні алып тастау: ${what}`,
  clearFilters: 'Тазалау',
  moreValues: 'тағы…',
  fewerValues: 'жию',
  dateFrom: 'Бастап',
  dateTo: 'Дейін',
  sortLabel: 'Реті',
  sortNames: {
    relevance: 'Сәйкестігі бойынша',
    newest: 'Алдымен жаңалары',
    oldest: 'Алдымен ескілері',
  },
  browseTitle: 'Құжаттар',
  viewList: 'Тізім',
  viewMap: 'Карта',
  views: 'Нәтижелерді көрсету',
  mapKazakhstan: 'Қазақстан облыстар бойынша',
  mapCentralAsia: 'Орталық Азия елдер бойынша',
  mapTitle: (what) => `${what}: жер атаулары аталған құжаттар`,
  mapCount: (count, noun) => `${count} ${noun}`,
  mapIncludes: (names) => `соның ішінде: ${names}`,
  mapNote:
    'Шекаралар Natural Earth деректерінен алынған және 2022 жылдан бұрынғы: Абай облысы Шығыс Қазақстан, Жетісу — Алматы, Ұлытау — Қарағанды облысының, Шымкент Түркістан облысының құрамында көрсетілген. Нәтижелерді сүзу үшін аумақты таңдаңыз.',
  mapNone: 'Бұл іздеудің бірде-бір құжатында осы картадағы жер аталмайды.',
  mapTableArea: 'Аумақ',
  mapTableCount: 'Құжаттар',
  mapLegend: 'Аумақтағы құжаттар саны',
  openProfile: 'Профиль',
  profileLabel: 'Профиль',
  profileNames: 'Аттары мен жазылуы',
  profileRoles: 'Рөлдері',
  profileTitles: 'Лауазымдары',
  profileIdentifiers: 'Сәйкестендіргіштер (ЖСН/БСН)',
  profileCrimes: 'Қылмыс санаттары',
  profileDocuments: 'Құжаттар',
  profileWith: 'Бірге аталады',
  profileTimeline: 'Іс хронологиясы',
  profileNoTimeline: 'Бұл тұлға аталатын күні белгілі оқиғалар әзірге жоқ.',
  profileMerged: (from) => `${from} жазбасы осы жазбамен біріктірілді.`,
  profileNotFound: (name) => `«${name}» деректер қорындағы жазбамен әлі сәйкестендірілмеген.`,
  mentionsCount: (count) => `аталу саны: ${count.toLocaleString('kk')}`,
  approximateDate: 'мақаланың күні (оқиға күні көрсетілмеген)',
  closeProfile: '← Артқа',
  role: {
    convict: 'сотталған',
    suspect: 'күдікті',
    victim: 'жәбірленуші',
    official: 'лауазымды тұлға',
    politician: 'саясаткер',
    lawyer: 'адвокат',
    journalist: 'журналист',
    other: 'басқа',
  },
  navSearch: 'Іздеу',
  navScreen: 'Тексеру',
  screenTitle: 'Есімдерді деректер қоры бойынша тексеру',
  screenIntro:
    'Есімдерді қойыңыз (әр жолға біреуден) немесе CSV жүктеңіз. Барлық жазылу түрі салыстырылады: орыс және қазақ кириллицасы, латын транслитерациясы, септік формалары, қателер.',
  screenNamesLabel: 'Есімдер, әр жолға біреуден',
  screenUpload: 'CSV жүктеу',
  screenButton: 'Тексеру',
  screenWeaker: 'Әлсіз сәйкестіктерді де көрсету',
  screenRunning: 'Тексерілуде…',
  screenTooMany: (max) => `Бір жолы ${max} есімнен артық емес; қалғандары тексерілмеді.`,
  screenNoNames: 'Кемінде бір есім жазыңыз.',
  screenNoMatch: 'Деректер қорында жоқ.',
  screenSame: 'сәйкес',
  screenPossible: 'сәйкес болуы мүмкін',
  screenFlagged: 'күдікті немесе сотталған',
  screenScore: 'ұқсастық',
  screenDownload: 'Нәтижелерді жүктеу (CSV)',
  screenSummary: (names, hits) => `Тексерілген есімдер: ${names}, сәйкестігі бар: ${hits}.`,
  screenWatchlistHits: 'Жүктелген тізімдерде',
  screenWatchlistEntry: (list, entry) => `тізім ${list}, жазба ${entry}`,
  screenOpenProfile: 'профиль',
  screenListedInRecord: 'Деректер қорында:',
  viewCharts: 'Графиктер',
  chartTimeline: (unit) =>
    `${unit === 'month' ? 'Айлар' : 'Жылдар'} және қылмыс санаттары бойынша құжаттар`,
  chartOther: 'басқа немесе санатсыз',
  chartUndated: (count) => `Жарияланған айы жоқ құжаттар (${count}) көрсетілмеген.`,
  chartMoney: 'Құжаттарда аталған сомалар',
  chartCurrency: 'Валюта',
  chartAmounts: 'Сомалар',
  chartTotal: 'Барлығы',
  chartInKzt: '≈ KZT',
  chartInUsd: '≈ USD',
  chartSeries: 'Мәтіндердегі статистика',
  chartFigures: 'Мәтіндердегі басқа көрсеткіштер',
  chartNothing: 'Бұл іздеу бойынша график жоқ.',
  chartSource: (title) => `Дереккөз: ${title}`,
  viewGraph: 'Байланыстар',
  graphTitle: (nodes, docs) => `Бірге аталған тұлғалар мен ұйымдар (${nodes}), құжаттар: ${docs}`,
  graphShow: 'Көрсету',
  graphExpand: 'Кеңейту',
  graphFilter: 'Сүзгі',
  graphEmpty: 'Бұл құжаттарда тұлғалар мен ұйымдар жоқ.',
  graphLinks: (count) => `байланыстар: ${count}`,
  graphHint:
    'Байланыстарын көру үшін түйінді таңдаңыз; «Кеңейту» онымен кез келген құжатта бірге аталғандардың бәрін қосады. Қалың сызық — ортақ құжаттар көп; түрлі-түсті — қатысушы мен орган арасындағы оқиғалар.',
  storyTitle: (count) => `Басқа дереккөздердегі осы жаңалық (${count})`,
  storyKind: {
    new: 'алғашқы жарияланым',
    exact: 'сол мәтін',
    near: 'қайта басылым немесе түзетілген нұсқа',
  },
  watchTitle: 'Бақылаудағылар',
  watchIntro:
    'Бақылаудағы есім (кез келген жазылуда) аталған, жазба аталған немесе сақталған іздеуге сай келетін жаңа құжаттар хабарлама тудырады — әр құжатқа біреу; бапталған вебхук оны алады.',
  watchName: 'Бақылайтын есім',
  watchAdd: 'Бақылау',
  watchRemove: 'Бақылауды тоқтату',
  watchNone: 'Әзірге ештеңе бақыланбайды.',
  watchThis: 'Бақылау',
  watchSearch: 'Осы іздеуді бақылау',
  watching: 'Бақылауда',
  watchKind: { entity: 'жазба', name: 'есім', search: 'іздеу' },
  alertsTitle: 'Хабарламалар',
  alertsNone: 'Әзірге хабарлама жоқ.',
  alertDelivered: 'жеткізілді',
  alertPending: (attempts) => `жеткізілмеді (әрекет: ${attempts})`,
}

const MESSAGES: Readonly<Record<UiLocale, Messages>> = { en, ru, kk }

/** Where the choice is remembered. */
export const LOCALE_STORAGE_KEY = 'tergeu.locale'

/** Narrows a string to a locale the interface speaks. */
export function isUiLocale(value: unknown): value is UiLocale {
  return value === 'en' || value === 'ru' || value === 'kk'
}

/**
 * The locale to start with: the remembered choice, else the first of the browser's preferred
 * languages that the interface speaks (`kk-KZ` → `kk`), else Russian.
 */
export function pickLocale(stored: string | null, preferred: readonly string[]): UiLocale {
  if (isUiLocale(stored)) return stored
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]
    if (isUiLocale(base)) return base
  }
  return 'ru'
}

/** The messages of one locale. */
export function messagesFor(locale: UiLocale): Messages {
  return MESSAGES[locale]
}

// English until the app shell picks (tests and server-side use see the source language).
let current: Messages = en

/** The messages of the current locale. */
export function t(): Messages {
  return current
}

/** Switches the current locale (the caller re-renders). */
export function setLocale(locale: UiLocale): void {
  current = MESSAGES[locale]
}

/** A number formatted for the current locale (`12 345` in Russian and Kazakh). */
export function formatCount(n: number, messages: Messages = current): string {
  return n.toLocaleString(messages.locale === 'en' ? 'en' : messages.locale)
}

/** The right form of `forms` after the number `n` in the current locale. */
export function plural(n: number, forms: Forms, messages: Messages = current): string {
  const rule = new Intl.PluralRules(messages.locale).select(n)
  return forms[rule] ?? forms.other
}
