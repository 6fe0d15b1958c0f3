/**
 * A small force-directed layout for the network graph (a few hundred nodes): linked nodes pull
 * together, all nodes push apart, a weak pull keeps the graph centred. Deterministic — the same
 * graph always lands the same way, so a reload does not reshuffle what an analyst was reading.
 * Pure: tested under Node.
 *
 * @module web/lib/force-layout
 */

/**
 * Pull towards the centre per unit of distance. Strong enough that separate clusters stay near
 * each other (else fitting the far ones into the box squeezes the rest into a knot).
 */
const GRAVITY = 0.3

/** A node's position. */
export interface Point {
  x: number
  y: number
}

/**
 * Lays out `ids` linked by `links` (pairs of ids, with weights) in a `width` × `height` box.
 * `fixed` positions (from an earlier layout) are kept as starting points, so expanding a node
 * moves the old ones little.
 */
export function layout(
  ids: readonly string[],
  links: readonly { readonly source: string; readonly target: string; readonly weight: number }[],
  width: number,
  height: number,
  options: { readonly iterations?: number; readonly start?: ReadonlyMap<string, Point> } = {},
): Map<string, Point> {
  const n = ids.length
  const index = new Map(ids.map((id, i) => [id, i]))
  const xs = new Float64Array(n)
  const ys = new Float64Array(n)
  // Golden-angle spiral: an even, deterministic start.
  for (let i = 0; i < n; i++) {
    const start = options.start?.get(ids[i] as string)
    if (start) {
      xs[i] = start.x - width / 2
      ys[i] = start.y - height / 2
      continue
    }
    const r = Math.sqrt(i + 0.5) * Math.min(width, height) * 0.03
    const a = i * 2.399963229728653
    xs[i] = r * Math.cos(a)
    ys[i] = r * Math.sin(a)
  }
  const edges = links.flatMap((l) => {
    const s = index.get(l.source)
    const t = index.get(l.target)
    return s === undefined || t === undefined ? [] : [[s, t, Math.log2(1 + l.weight)] as const]
  })
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.9
  const iterations = options.iterations ?? 250
  let temperature = Math.min(width, height) / 8
  const dx = new Float64Array(n)
  const dy = new Float64Array(n)
  for (let it = 0; it < iterations; it++) {
    dx.fill(0)
    dy.fill(0)
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = (xs[i] as number) - (xs[j] as number)
        let ey = (ys[i] as number) - (ys[j] as number)
        let d2 = ex * ex + ey * ey
        if (d2 < 0.01) {
          ex = 0.1 * (((i * 7 + j * 13) % 10) - 5)
          ey = 0.1 * (((i * 11 + j * 3) % 10) - 5)
          d2 = ex * ex + ey * ey + 0.01
        }
        const f = (k * k) / d2
        dx[i] = (dx[i] as number) + ex * f
        dy[i] = (dy[i] as number) + ey * f
        dx[j] = (dx[j] as number) - ex * f
        dy[j] = (dy[j] as number) - ey * f
      }
    }
    for (const [s, t, w] of edges) {
      const ex = (xs[s] as number) - (xs[t] as number)
      const ey = (ys[s] as number) - (ys[t] as number)
      const d = Math.sqrt(ex * ex + ey * ey) + 0.01
      const f = (d / k) * w
      dx[s] = (dx[s] as number) - ex * f
      dy[s] = (dy[s] as number) - ey * f
      dx[t] = (dx[t] as number) + ex * f
      dy[t] = (dy[t] as number) + ey * f
    }
    for (let i = 0; i < n; i++) {
      // Gravity towards the centre keeps unlinked nodes from drifting off.
      const gx = (dx[i] as number) - (xs[i] as number) * GRAVITY
      const gy = (dy[i] as number) - (ys[i] as number) * GRAVITY
      const len = Math.sqrt(gx * gx + gy * gy) + 1e-9
      const step = Math.min(len, temperature)
      xs[i] = (xs[i] as number) + (gx / len) * step
      ys[i] = (ys[i] as number) + (gy / len) * step
    }
    temperature *= 0.97
  }
  return fit(ids, xs, ys, width, height)
}

/** Scales the layout into the box with a margin. */
function fit(
  ids: readonly string[],
  xs: Float64Array,
  ys: Float64Array,
  width: number,
  height: number,
): Map<string, Point> {
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity
  for (let i = 0; i < ids.length; i++) {
    minX = Math.min(minX, xs[i] as number)
    maxX = Math.max(maxX, xs[i] as number)
    minY = Math.min(minY, ys[i] as number)
    maxY = Math.max(maxY, ys[i] as number)
  }
  const margin = 30
  const sx = (width - 2 * margin) / Math.max(maxX - minX, 1e-6)
  const sy = (height - 2 * margin) / Math.max(maxY - minY, 1e-6)
  const s = Math.min(sx, sy)
  const ox = (width - (maxX - minX) * s) / 2
  const oy = (height - (maxY - minY) * s) / 2
  const out = new Map<string, Point>()
  ids.forEach((id, i) => {
    out.set(id, {
      x: Math.round((ox + ((xs[i] as number) - minX) * s) * 10) / 10,
      y: Math.round((oy + ((ys[i] as number) - minY) * s) * 10) / 10,
    })
  })
  return out
}
