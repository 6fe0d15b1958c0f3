-- search, every language (GET /api/search?q=…)
with q as (select (websearch_to_tsquery('russian'::regconfig, $1) || websearch_to_tsquery('english'::regconfig, $2) || websearch_to_tsquery('simple'::regconfig, $3)) as query),
    page as (
      select d.id, d.title, d.lang, d.source, d.published, d.text,
             ts_rank_cd(d.search_vector, q.query)::float8 as rank,
             count(*) over ()::int as total
      from documents d, q
      where d.search_vector @@ q.query 
      order by rank desc, d.id
      limit $4 offset $5
    )
    select page.id, page.title, page.lang, page.source, page.published, page.rank, page.total,
           ts_headline(
             (case page.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(page.text, 100000), q.query, $6
           ) as headline
    from page, q
    order by page.rank desc, page.id;
-- parameters: ["задержан","задержан","задержан",20,0,"StartSel=, StopSel=, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""]

-- search, one language (GET /api/search?q=…&lang=ru&cursor=…)
with q as (select websearch_to_tsquery('russian'::regconfig, $1) as query),
    page as (
      select d.id, d.title, d.lang, d.source, d.published, d.text,
             ts_rank_cd(d.search_vector, q.query)::float8 as rank,
             count(*) over ()::int as total
      from documents d, q
      where d.search_vector @@ q.query and d.lang = $2
      order by rank desc, d.id
      limit $3 offset $4
    )
    select page.id, page.title, page.lang, page.source, page.published, page.rank, page.total,
           ts_headline(
             (case page.lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end),
             left(page.text, 100000), q.query, $5
           ) as headline
    from page, q
    order by page.rank desc, page.id;
-- parameters: ["задержан","ru",20,40,"StartSel=, StopSel=, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""]
