/**
 * A browsable page for the OpenAPI document (`/api/docs`): plain HTML, one stylesheet and one
 * script served from here (the CSP allows no inline code and nothing from other origins). The
 * script fetches `/api/openapi.json` and lists every endpoint with its parameters, body and
 * response schema; text goes in through `textContent` only.
 *
 * @module api/docs-page
 */

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tergeu API</title>
<link rel="stylesheet" href="/api/docs.css">
</head>
<body>
<header><h1>Tergeu API</h1><p>Generated from the server's own schemas: <a href="/api/openapi.json">openapi.json</a> (OpenAPI 3.1).</p></header>
<main id="endpoints"><p>Loading…</p></main>
<script type="module" src="/api/docs.js"></script>
</body>
</html>
`

export const DOCS_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#12243d;color:#fff;padding:.8rem 1.2rem}header a{color:#bcd6ff}h1{margin:0;font-size:1.3rem}
main{max-width:60rem;margin:1rem auto;padding:0 1rem}
details{background:#fff;border:1px solid #d9dee5;border-radius:8px;margin:.5rem 0;padding:.5rem .8rem}
summary{cursor:pointer}.method{display:inline-block;min-width:3.5rem;font-weight:700;text-transform:uppercase}
.get{color:#1f7a3a}.post{color:#1f5fae}.path{font-family:ui-monospace,monospace}
.tag{color:#5b6472;font-size:.85rem;margin-left:.5rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-top:1px solid #e3e7ec;padding:.25rem .4rem;text-align:left;vertical-align:top}
pre{background:#f1f3f6;padding:.6rem;border-radius:6px;overflow:auto;font-size:.82rem;max-height:24rem}
`

export const DOCS_JS = `const main = document.getElementById('endpoints')
function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e }
function render(spec) {
  main.replaceChildren()
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const d = el('details')
      const s = el('summary')
      s.append(el('span', method, 'method ' + method), el('span', path, 'path'), el('span', (op.tags || []).join(', '), 'tag'))
      d.append(s, el('p', op.summary))
      if (op.parameters && op.parameters.length) {
        const t = el('table')
        const head = el('tr'); for (const h of ['parameter', 'in', 'type', 'description']) head.append(el('th', h)); t.append(head)
        for (const p of op.parameters) {
          const r = el('tr')
          const type = p.schema.enum ? p.schema.enum.join(' | ') : (p.schema.type || '')
          r.append(el('td', p.name + (p.required ? ' *' : '')), el('td', p.in), el('td', type), el('td', p.description || ''))
          t.append(r)
        }
        d.append(t)
      }
      if (op.requestBody) { d.append(el('h4', 'Request body')); d.append(el('pre', JSON.stringify(op.requestBody.content['application/json'].schema, null, 2))) }
      d.append(el('h4', 'Response 200'))
      const ok = op.responses['200'].content
      d.append(el('pre', ok['application/json'] ? JSON.stringify(ok['application/json'].schema, null, 2) : 'a file: ' + Object.keys(ok).join(', ')))
      main.append(d)
    }
  }
}
fetch('/api/openapi.json').then((r) => r.json()).then(render, (e) => { main.replaceChildren(el('p', 'Could not load the API description: ' + e)) })
`
