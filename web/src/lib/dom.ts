/**
 * A tiny element builder. Text goes in only through `textContent` (string children become text
 * nodes), never through `innerHTML`: article text can contain markup, and must show as text.
 *
 * @module web/lib/dom
 */

/** Attributes and properties {@link h} sets: `class`, `title`, `href`, data-*, aria-*, handlers. */
export type Props = Readonly<
  Record<string, string | number | boolean | null | undefined | EventListener>
>

/** A child: an element, a string (becomes a text node) or nothing. */
export type Child = Node | string | null | undefined | false

/** Creates an element with attributes, `on*` listeners and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: readonly (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue
    if (typeof value === 'function') {
      el.addEventListener(key.replace(/^on/, '').toLowerCase(), value)
    } else {
      el.setAttribute(key, value === true ? '' : String(value))
    }
  }
  append(el, children)
  return el
}

/** Replaces every child of `parent` with `children`. */
export function replaceChildren(
  parent: Element,
  ...children: readonly (Child | readonly Child[])[]
): void {
  parent.replaceChildren()
  append(parent, children)
}

function append(parent: Element, children: readonly (Child | readonly Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child)
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** Creates an SVG element with attributes, `on*` listeners and children (text as text nodes). */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: readonly (Child | readonly Child[])[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag)
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue
    if (typeof value === 'function') {
      el.addEventListener(key.replace(/^on/, '').toLowerCase(), value)
    } else {
      el.setAttribute(key, value === true ? '' : String(value))
    }
  }
  append(el, children)
  return el
}
