/**
 * The sign-in page, shown before anything else when the server needs credentials and the
 * browser has no session; and a sign-out link in the header for a signed-in user. In the
 * zero-setup default (loopback, no users) neither appears.
 *
 * @module web/pages/login/login-page
 */
import type { MeResponse } from '#api/contract.ts'
import {
  type FetchLike,
  needsSignIn,
  type SignInResult,
  signIn,
  signOut,
  whoAmI,
} from '../../lib/auth.ts'
import { h, replaceChildren } from '../../lib/dom.ts'
import { t } from '../../lib/i18n.ts'

/** Builds the sign-in form; `submit` answers with the outcome, `done` runs after a success. */
export function loginView(
  submit: (username: string, password: string) => Promise<SignInResult>,
  done: (me: MeResponse) => void,
): HTMLElement {
  const m = t().login
  const username = h('input', {
    id: 'login-username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    maxlength: 64,
    autocapitalize: 'none',
    spellcheck: 'false',
  })
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    maxlength: 512,
  })
  const button = h('button', { type: 'submit' }, m.submit)
  const status = h('p', { class: 'login-status', role: 'alert', 'aria-live': 'polite' })
  const form = h(
    'form',
    { class: 'login', id: 'login-form' },
    h('h1', {}, m.title),
    h('p', { class: 'hint' }, m.intro),
    h('label', { for: 'login-username' }, m.username),
    username,
    h('label', { for: 'login-password' }, m.password),
    password,
    button,
    status,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    button.disabled = true
    status.textContent = m.signingIn
    void submit(username.value.trim(), password.value).then((result) => {
      button.disabled = false
      if (result.ok) {
        password.value = ''
        status.textContent = ''
        done(result.me)
        return
      }
      status.textContent =
        result.reason === 'wrong'
          ? m.wrong
          : result.reason === 'limited'
            ? m.tooMany
            : m.failed(result.message)
      password.select()
    })
  })
  queueMicrotask(() => username.focus())
  return form
}

/**
 * Resolves once the app may render: at once when no sign-in is needed (or the server cannot be
 * reached: the app says so itself), else after the user signed in on the page drawn in
 * `container`. Adds a sign-out link to `nav` for a signed-in session.
 */
export async function authGate(
  container: HTMLElement,
  nav: Element | null,
  fetchFn: FetchLike = fetch,
): Promise<void> {
  let me: MeResponse
  try {
    me = await whoAmI(fetchFn)
  } catch {
    return
  }
  if (needsSignIn(me)) {
    me = await new Promise<MeResponse>((resolve) => {
      replaceChildren(
        container,
        loginView((u, p) => signIn(u, p, fetchFn), resolve),
      )
    })
    replaceChildren(container)
  }
  if (me.user?.via === 'session' && nav) {
    const user = me.user
    const out = h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        id: 'sign-out',
        title: t().login.signedInAs(user.username, user.role),
        onclick: () => {
          void signOut(fetchFn).finally(() => location.reload())
        },
      },
      t().login.signOut,
    )
    nav.append(out)
  }
}
