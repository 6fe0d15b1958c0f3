-- search, every language (GET /api/search?q=…)
with q as materialized (select (websearch_to_tsquery('russian'::regconfig, $1) || websearch_to_tsquery('english'::regconfig, $2) || websearch_to_tsquery('simple'::regconfig, $3)) as query),
    page as (
      select d.id, d.published, ts_rank_cd(d.search_vector, q.query)::float8 as rank, null::int as total
      from documents d, q where d.search_vector @@ q.query
      order by rank desc, id
      limit $4 offset $5
    )
    select d.id, d.title, d.lang, d.source, d.published, page.rank as rank, page.total,
           ts_headline(
             (case d.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(d.text, 100000), q.query, $6
           ) as headline
    from page join documents d on d.id = page.id, q
    order by "page".rank desc, "page".id;
-- parameters: ["задержан","задержан","задержан",20,0,"StartSel=, StopSel=, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""]

-- search, one language (GET /api/search?q=…&lang=ru&cursor=…)
with q as materialized (select websearch_to_tsquery('russian'::regconfig, $1) as query),
    page as (
      select d.id, d.published, ts_rank_cd(d.search_vector, q.query)::float8 as rank, null::int as total
      from documents d, q where d.search_vector @@ q.query and d.lang = $2
      order by rank desc, id
      limit $3 offset $4
    )
    select d.id, d.title, d.lang, d.source, d.published, page.rank as rank, page.total,
           ts_headline(
             (case d.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(d.text, 100000), q.query, $5
           ) as headline
    from page join documents d on d.id = page.id, q
    order by "page".rank desc, "page".id;
-- parameters: ["задержан","ru",20,40,"StartSel=, StopSel=, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""]

-- browse without a query, newest first (GET /api/search?from=…&to=…&crime=fraud)
with q as materialized (select null::tsquery as query),
    page as (
      select s.doc_id as id, s.published, 0::float8 as rank, null::int as total
      from search_summaries s where left(s.published, 10) >= $1 and left(s.published, 10) <= $2 and s.crimes @> array[$3]::text[]
      order by left(published, 10) desc nulls last, published desc nulls last, id
      limit $4 offset $5
    )
    select d.id, d.title, d.lang, d.source, d.published, page.rank as rank, page.total,
           left(d.text, 240) as headline
    from page join documents d on d.id = page.id, q
    order by "page".published desc nulls last, "page".id;
-- parameters: ["2025-01","2025-06-30","fraud",20,0]

-- first page with its capped count; ranked only under 1,000 matches (decision 0015)
with q as materialized (select (websearch_to_tsquery('russian'::regconfig, $1) || websearch_to_tsquery('english'::regconfig, $2) || websearch_to_tsquery('simple'::regconfig, $3)) as query),
    m as materialized (select d.id, d.published from documents d, q where d.search_vector @@ q.query limit $4),
    counted as materialized (select count(*)::int as n from m),
    page as (
      select d.id, d.published, ts_rank_cd(d.search_vector, q.query)::float8 as rank, null::int as total
       from m join documents d on d.id = m.id, q where (select n from counted) <= $5 order by rank desc, id limit $6 offset $7
    )
    select counted.n as matched, x.* from counted left join (
      select d.id, d.title, d.lang, d.source, d.published, page.rank as rank, page.total,
             ts_headline(
             (case d.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(d.text, 100000), q.query, $8
           ) as headline
      from page join documents d on d.id = page.id, q
    ) x on true
    order by "x".rank desc, "x".id;
-- parameters: ["задержан","задержан","задержан",5001,1000,20,0,"StartSel=, StopSel=, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""]

-- browse, first page with its capped count: the summaries read once under the cap
with q as materialized (select null::tsquery as query),
    m as materialized (select s.doc_id as id, s.published from search_summaries s where s.crimes @> array[$1]::text[] limit $2),
    counted as materialized (select count(*)::int as n from m),
    page as (
      (select m.id, m.published, 0::float8 as rank, null::int as total
       from m where (select n from counted) <= $3 order by left(published, 10) desc nulls last, published desc nulls last, id limit $4 offset $5)
      union all
      (select s.doc_id as id, s.published, 0::float8 as rank, null::int as total
      from search_summaries s where s.crimes @> array[$6]::text[] and (select n from counted) > $7 order by left(published, 10) desc nulls last, published desc nulls last, id limit $8 offset $9)
    )
    select counted.n as matched, x.* from counted left join (
      select d.id, d.title, d.lang, d.source, d.published, page.rank as rank, page.total,
             left(d.text, 240) as headline
      from page join documents d on d.id = page.id, q
    ) x on true
    order by "x".published desc nulls last, "x".id;
-- parameters: ["fraud",5001,5000,20,0,"fraud",5000,20,0]

-- broad query: the window of the newest documents, ranked (decision 0015)
with q as materialized (select (websearch_to_tsquery('russian'::regconfig, $1) || websearch_to_tsquery('english'::regconfig, $2) || websearch_to_tsquery('simple'::regconfig, $3)) as query),
    page as (
      select d.id, d.published, ts_rank_cd(d.search_vector, q.query)::float8 as rank, count(*) over ()::int as total
      from documents d, q where d.search_vector @@ q.query and d.published >= $4
      order by rank desc, id
      limit $5 offset $6
    )
    select d.id, d.title, d.lang, d.source, d.published, page.rank as rank, page.total,
           ts_headline(
             (case d.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(d.text, 100000), q.query, $7
           ) as headline
    from page join documents d on d.id = page.id, q
    order by "page".rank desc, "page".id;
-- parameters: ["задержан","задержан","задержан","2025-11-20",20,0,"StartSel=, StopSel=, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""]

-- broad query: the older matches after the window, newest first
with q as materialized (select (websearch_to_tsquery('russian'::regconfig, $1) || websearch_to_tsquery('english'::regconfig, $2) || websearch_to_tsquery('simple'::regconfig, $3)) as query),
    page as (
      select d.id, d.published, 0::float8 as rank, null::int as total
      from documents d, q where d.search_vector @@ q.query and (d.published < $4 or d.published is null)
      order by published desc nulls last, id
      limit $5 offset $6
    )
    select d.id, d.title, d.lang, d.source, d.published, ts_rank_cd(d.search_vector, q.query)::float8 as rank, page.total,
           ts_headline(
             (case d.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(d.text, 100000), q.query, $7
           ) as headline
    from page join documents d on d.id = page.id, q
    order by "page".published desc nulls last, "page".id;
-- parameters: ["задержан","задержан","задержан","2025-11-20",8,0,"StartSel=, StopSel=, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""]

-- facets (GET /api/search?q=…&facets=true)
with q as materialized (select (websearch_to_tsquery('russian'::regconfig, $1) || websearch_to_tsquery('english'::regconfig, $2) || websearch_to_tsquery('simple'::regconfig, $3)) as query),
    m as materialized (
      select s.lang, s.source, s.crimes, s.events, s.place_ids, s.place_names, s.persons,
             s.organizations
      from search_summaries s join documents d on d.id = s.doc_id cross join q where d.search_vector @@ q.query
      limit 5001
    ),
    counted as (
      select '#matched' as kind, '' as value, count(*)::int as n from m
      union all
      select 'lang', m.lang, count(*)::int from m group by m.lang
      union all
      select 'source', m.source, count(*)::int from m group by m.source
      union all
      select 'crime', v, count(*)::int from m cross join unnest(m.crimes) v group by v
      union all
      select 'event', v, count(*)::int from m cross join unnest(m.events) v group by v
      union all
      select 'location', v, count(*)::int from m cross join unnest(m.place_ids || m.place_names) v group by v
      union all
      select 'person', v, count(*)::int from m cross join unnest(m.persons) v group by v
      union all
      select 'organization', v, count(*)::int from m cross join unnest(m.organizations) v group by v
    ),
    ranked as (
      select kind, value, n, row_number() over (partition by kind order by n desc, value) as r
      from counted
    )
    select kind, value, n from ranked where r <= 12 order by kind, r;
-- parameters: ["задержан","задержан","задержан"]
