/**
 * What the web UI needs to know about signing in: who the browser is (`GET /api/auth/me`),
 * whether the sign-in page must come first, signing in and out. The session lives in an
 * HttpOnly cookie the script never sees; same-origin `fetch` sends it, and its `Origin` header
 * is what lets the server accept the write (decision 0014).
 *
 * @module web/lib/auth
 */
import { ErrorBody, MeResponse } from '#api/contract.ts'

/** The part of `fetch` used here (tests pass a fake). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

/** The outcome of {@link signIn}. */
export type SignInResult =
  | { readonly ok: true; readonly me: MeResponse }
  | {
      readonly ok: false
      readonly reason: 'wrong' | 'limited' | 'failed'
      readonly message: string
    }

/** Who the browser is; rejects when the server cannot be reached or answers nonsense. */
export async function whoAmI(fetchFn: FetchLike = fetch): Promise<MeResponse> {
  const res = await fetchFn('/api/auth/me', { headers: { accept: 'application/json' } })
  if (!res.ok) throw new Error(`GET /api/auth/me answered ${res.status}`)
  return MeResponse.parse(await res.json())
}

/** True when nothing but the sign-in page can be shown. */
export function needsSignIn(me: MeResponse): boolean {
  return me.user === null && me.authRequired
}

/** Signs in; the server sets the session cookie. */
export async function signIn(
  username: string,
  password: string,
  fetchFn: FetchLike = fetch,
): Promise<SignInResult> {
  let res: Response
  try {
    res = await fetchFn('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    })
  } catch (error) {
    return { ok: false, reason: 'failed', message: (error as Error).message }
  }
  const body: unknown = await res.json().catch(() => null)
  if (res.ok) {
    const me = MeResponse.safeParse(body)
    if (me.success) return { ok: true, me: me.data }
    return { ok: false, reason: 'failed', message: 'unexpected answer' }
  }
  const error = ErrorBody.safeParse(body)
  const message = error.success ? error.data.error.message : `HTTP ${res.status}`
  if (res.status === 401) return { ok: false, reason: 'wrong', message }
  if (res.status === 429) return { ok: false, reason: 'limited', message }
  return { ok: false, reason: 'failed', message }
}

/** Ends the session (the server forgets it and clears the cookie). */
export async function signOut(fetchFn: FetchLike = fetch): Promise<void> {
  await fetchFn('/api/auth/logout', { method: 'POST', headers: { accept: 'application/json' } })
}
