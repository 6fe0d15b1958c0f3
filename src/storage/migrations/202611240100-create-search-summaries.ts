/**
 * Creates `search_summaries`: one compact row per document with what the search page's facets,
 * the map and the statistics count — language, source, date, and the document's distinct crime
 * categories, event types, places, persons and organisations (by resolved entity), its money
 * totals per currency and how many reported figures it has. Statement-level triggers on
 * `documents`, `facts` and `entity_mentions` keep it current, whoever writes (the document
 * repository, entity resolution, merges and splits, bulk SQL); existing documents are summarised
 * here. Design: docs/decisions/0013-search-summaries.md.
 *
 * @module storage/migrations/202611240100-create-search-summaries
 */
import { type Kysely, sql } from 'kysely'

/** Applies the migration. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_summaries')
    .addColumn('doc_id', 'text', (c) =>
      c.primaryKey().references('documents.id').onDelete('cascade'),
    )
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('crimes', sql`text[]`, (c) => c.notNull())
    .addColumn('events', sql`text[]`, (c) => c.notNull())
    // Places with a gazetteer id (what the map and `within` count), and the labels of places
    // without one; the location facet counts both (a place's id, else its label).
    .addColumn('place_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('place_names', sql`text[]`, (c) => c.notNull())
    // `entity:<id>` for a mention resolved to an entity, else the fact's label.
    .addColumn('persons', sql`text[]`, (c) => c.notNull())
    .addColumn('organizations', sql`text[]`, (c) => c.notNull())
    // The currencies of the document's money facts, and per currency (same order) its
    // [amounts, total, kzt | null, usd | null]; plain arrays add up faster than JSON.
    .addColumn('money_currencies', sql`text[]`, (c) => c.notNull())
    .addColumn('money', sql`float8[]`)
    // Reported figures with a numeric value (the statistics view reads only these documents).
    .addColumn('statistics', 'integer', (c) => c.notNull())
    .execute()
  // No other index: every reader either looks summaries up by document (the primary key) or
  // reads all the matching ones (counts, aggregates, the total of a page), and each index would
  // be one more write per stored document.

  // Recomputes the summaries of these documents (distinct ids) from their current rows; a
  // document that is gone has had its summary removed by the foreign key.
  await sql`
    create function search_summaries_refresh(ids text[]) returns void
    language sql as $fn$
      insert into search_summaries as s
        (doc_id, lang, source, published, crimes, events, place_ids, place_names, persons,
         organizations, money_currencies, money, statistics)
      select d.id, d.lang, d.source, d.published,
             coalesce(x.crimes, '{}'), coalesce(x.events, '{}'), coalesce(x.place_ids, '{}'),
             coalesce(x.place_names, '{}'), coalesce(x.persons, '{}'),
             coalesce(x.organizations, '{}'), coalesce(mo.currencies, '{}'), mo.money,
             coalesce(x.statistics, 0)
      -- Through the primary key per id: "d.id = any(ids)" would compare every document with
      -- every id on a backfill.
      from unnest(ids) as u(id)
      join documents d on d.id = u.id
      left join lateral (
        select array_agg(distinct f.label order by f.label) filter (where f.kind = 'crime') as crimes,
               array_agg(distinct f.label order by f.label) filter (where f.kind = 'event') as events,
               array_agg(distinct f.data->>'placeId' order by f.data->>'placeId')
                 filter (where f.kind = 'location' and f.data->>'placeId' is not null) as place_ids,
               array_agg(distinct f.label order by f.label)
                 filter (where f.kind = 'location' and f.data->>'placeId' is null) as place_names,
               array_agg(distinct coalesce('entity:' || em.entity_id, f.label)
                         order by coalesce('entity:' || em.entity_id, f.label))
                 filter (where f.kind = 'person') as persons,
               array_agg(distinct coalesce('entity:' || em.entity_id, f.label)
                         order by coalesce('entity:' || em.entity_id, f.label))
                 filter (where f.kind = 'organization') as organizations,
               (count(*) filter (where f.kind = 'statistic' and jsonb_typeof(f.data->'value') = 'number'))::int as statistics
        from facts f
        left join entity_mentions em
          on f.kind in ('person', 'organization') and em.doc_id = f.doc_id
             and em.kind = f.kind and em.name = btrim(f.label)
        where f.doc_id = d.id
      ) x on true
      left join lateral (
        select array_agg(c.currency order by c.currency) as currencies,
               array_agg(array[c.n, c.total, c.kzt, c.usd] order by c.currency) as money
        from (
          select f.data->>'currency' as currency, count(*)::float8 as n,
                 sum((f.data->>'amount')::float8) as total,
                 sum((f.data->'conversion'->>'kzt')::float8) as kzt,
                 sum((f.data->'conversion'->>'usd')::float8) as usd
          from facts f
          where f.doc_id = d.id and f.kind = 'money' and jsonb_typeof(f.data->'amount') = 'number'
            and f.data->>'currency' is not null
          group by 1
        ) c
      ) mo on true
      on conflict (doc_id) do update set
        lang = excluded.lang, source = excluded.source, published = excluded.published,
        crimes = excluded.crimes, events = excluded.events, place_ids = excluded.place_ids,
        place_names = excluded.place_names, persons = excluded.persons,
        organizations = excluded.organizations, money_currencies = excluded.money_currencies,
        money = excluded.money, statistics = excluded.statistics
      -- An unchanged summary is not rewritten: a stored document fires the triggers of its
      -- row, its facts and its mentions, and PGlite runs no autovacuum to reclaim dead rows.
      where (s.lang, s.source, s.published, s.crimes, s.events, s.place_ids, s.place_names,
             s.persons, s.organizations, s.money_currencies, s.money, s.statistics)
        is distinct from
            (excluded.lang, excluded.source, excluded.published, excluded.crimes, excluded.events,
             excluded.place_ids, excluded.place_names, excluded.persons, excluded.organizations,
             excluded.money_currencies, excluded.money, excluded.statistics)
    $fn$`.execute(db)

  // Statement-level: one refresh per statement over the documents it touched (a bulk insert of
  // 300 documents' facts is one refresh of 300 summaries, not 6,000 row triggers).
  await sql`
    create function search_summaries_of_documents() returns trigger
    language plpgsql as $fn$
    begin
      perform search_summaries_refresh(array(select distinct id from changed));
      return null;
    end
    $fn$`.execute(db)
  await sql`
    create function search_summaries_of_children() returns trigger
    language plpgsql as $fn$
    begin
      perform search_summaries_refresh(array(select distinct doc_id from changed));
      return null;
    end
    $fn$`.execute(db)

  for (const [table, fn] of [
    ['documents', 'search_summaries_of_documents'],
    ['facts', 'search_summaries_of_children'],
    ['entity_mentions', 'search_summaries_of_children'],
  ] as const) {
    const events: [string, string][] = [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ]
    for (const [event, which] of events) {
      // A deleted document's summary goes with it (foreign key); its children's triggers
      // find no document to summarise.
      if (table === 'documents' && event === 'delete') continue
      await sql`
        create trigger ${sql.id(`${table}_${event}_search_summaries`)}
        after ${sql.raw(event)} on ${sql.id(table)}
        referencing ${sql.raw(which)} table as changed
        for each statement execute function ${sql.id(fn)}()`.execute(db)
    }
  }

  await sql`select search_summaries_refresh(array(select id from documents))`.execute(db)
}

/** Reverts the migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['documents', 'facts', 'entity_mentions'])
    for (const event of ['insert', 'update', 'delete'])
      await sql`drop trigger if exists ${sql.id(`${table}_${event}_search_summaries`)} on ${sql.id(table)}`.execute(
        db,
      )
  await sql`drop function if exists search_summaries_of_children()`.execute(db)
  await sql`drop function if exists search_summaries_of_documents()`.execute(db)
  await sql`drop function if exists search_summaries_refresh(text[])`.execute(db)
  await db.schema.dropTable('search_summaries').execute()
}
