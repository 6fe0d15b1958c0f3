-- search, every language (GET /api/search?q=…)
with q as (select (websearch_to_tsquery('russian'::regconfig, $1) || websearch_to_tsquery('english'::regconfig, $2) || websearch_to_tsquery('simple'::regconfig, $3)) as query),
    page as (
      select d.id, d.published, ts_rank_cd(d.search_vector, q.query)::float8 as rank, count(*) over ()::int as total
      from documents d, q
      where d.search_vector @@ q.query
      order by rank desc, id
      limit $4 offset $5
    )
    select d.id, d.title, d.lang, d.source, d.published, page.rank, page.total,
           ts_headline(
             (case d.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(d.text, 100000), q.query, $6
           ) as headline
    from page join documents d on d.id = page.id, q
    order by "page".rank desc, "page".id;
-- parameters: ["задержан","задержан","задержан",20,0,"StartSel=, StopSel=, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""]

-- search, one language (GET /api/search?q=…&lang=ru&cursor=…)
with q as (select websearch_to_tsquery('russian'::regconfig, $1) as query),
    page as (
      select d.id, d.published, ts_rank_cd(d.search_vector, q.query)::float8 as rank, count(*) over ()::int as total
      from documents d, q
      where d.search_vector @@ q.query and d.lang = $2
      order by rank desc, id
      limit $3 offset $4
    )
    select d.id, d.title, d.lang, d.source, d.published, page.rank, page.total,
           ts_headline(
             (case d.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(d.text, 100000), q.query, $5
           ) as headline
    from page join documents d on d.id = page.id, q
    order by "page".rank desc, "page".id;
-- parameters: ["задержан","ru",20,40,"StartSel=, StopSel=, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""]

-- browse without a query, newest first (GET /api/search?from=…&to=…&crime=fraud)
with q as (select null::tsquery as query),
    page as (
      select d.id, d.published, 0::float8 as rank, count(*) over ()::int as total
      from documents d, q
      where left(d.published, 10) >= $1 and left(d.published, 10) <= $2 and exists (select 1 from facts f where f.doc_id = d.id and f.kind = $3 and f.label = $4)
      order by published desc nulls last, id
      limit $5 offset $6
    )
    select d.id, d.title, d.lang, d.source, d.published, page.rank, page.total,
           left(d.text, 240) as headline
    from page join documents d on d.id = page.id, q
    order by "page".published desc nulls last, "page".id;
-- parameters: ["2025-01","2025-06-30","crime","fraud",20,0]

-- facets (GET /api/search?q=…&facets=true)
with q as (select (websearch_to_tsquery('russian'::regconfig, $1) || websearch_to_tsquery('english'::regconfig, $2) || websearch_to_tsquery('simple'::regconfig, $3)) as query),
    m as (
      select d.id, d.lang, d.source from documents d, q
      where d.search_vector @@ q.query
      limit 5001
    ),
    counted as (
      select '#matched' as kind, '' as value, count(*)::int as n from m
      union all
      select 'lang', m.lang, count(*)::int from m group by m.lang
      union all
      select 'source', m.source, count(*)::int from m group by m.source
      union all
      -- A document has one person, organisation or crime fact per label, so a plain count is a
      -- document count; events repeat a type, and places share a gazetteer id across labels.
      select f.kind, case when f.kind = 'location' then coalesce(f.data->>'placeId', f.label) else f.label end,
             (count(distinct f.doc_id) filter (where f.kind in ('location', 'event'))
              + count(*) filter (where f.kind not in ('location', 'event')))::int
      -- Per matching document through the (doc_id, kind) index. Left to itself the planner
      -- scans every fact of the record to hash-join a few thousand documents (4 s at 100,000
      -- documents); "offset 0" keeps the lateral subquery from being flattened into that join.
      from m cross join lateral (
        select f.kind, f.label, f.data, f.doc_id from facts f
        where f.doc_id = m.id and f.kind in ('crime', 'event', 'location', 'person', 'organization')
        offset 0
      ) f
      group by 1, 2
    ),
    ranked as (
      select kind, value, n, row_number() over (partition by kind order by n desc, value) as r
      from counted
    )
    select kind, value, n from ranked where r <= 12 order by kind, r;
-- parameters: ["задержан","задержан","задержан"]
