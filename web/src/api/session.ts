// The access token lives only in this module's memory: a page reload or a new tab gets a fresh one
// from the refresh token, which the server keeps in an httpOnly cookie scripts cannot read
// (POST /app/session*, header X-Requested-With). A refresh token works once, so refreshes are
// serialised: within the tab by one shared promise, across tabs by a Web Lock, so that a second
// tab presents the cookie the first tab's refresh has just replaced, never the spent one.

export interface SessionUser {
  email: string;
}

interface SessionResponse {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}

const HEADERS = { "Content-Type": "application/json", "X-Requested-With": "ipoval" };
// Refresh a little before expiry, so a request in flight never carries an expired token.
const REFRESH_MARGIN_MS = 30_000;

let accessToken: string | null = null;
let expiresAt = 0;
let user: SessionUser | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

export function signedInUser(): SessionUser | null {
  return user;
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function store(response: SessionResponse | null): void {
  accessToken = response?.accessToken ?? null;
  expiresAt = response ? Date.now() + response.expiresIn * 1000 : 0;
  user = response?.user ?? null;
  listeners.forEach((listener) => listener());
}

export class SignInRefused extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

async function errorOf(response: Response): Promise<SignInRefused> {
  try {
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const first = body.errors?.[0];
    if (first) return new SignInRefused(first.message, first.extensions?.code ?? "ERROR");
  } catch {
    // not JSON: fall through to the status line
  }
  return new SignInRefused(`The server answered ${response.status}.`, `HTTP_${response.status}`);
}

export async function signIn(email: string, password: string): Promise<void> {
  const response = await fetch("/app/session", {
    method: "POST",
    headers: HEADERS,
    credentials: "same-origin",
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw await errorOf(response);
  store((await response.json()) as SessionResponse);
}

async function refreshOnce(): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch("/app/session/refresh", {
      method: "POST",
      headers: HEADERS,
      credentials: "same-origin",
    });
  } catch {
    return false; // the network: keep what we have and try again on the next request
  }
  if (response.status === 401) {
    store(null); // no session, or it ended: sign in again
    return false;
  }
  if (!response.ok) return false; // an outage or the rate limit: the session still stands
  store((await response.json()) as SessionResponse);
  return true;
}

/** Exchange the cookie's refresh token for a new access token; false when there is no session. */
export function refreshSession(): Promise<boolean> {
  if (!refreshing) {
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    const run: Promise<boolean> = locks
      ? (locks.request("ipoval-refresh", () => refreshOnce()) as unknown as Promise<boolean>)
      : refreshOnce();
    refreshing = run.finally(() => {
      refreshing = null;
    });
    return refreshing;
  }
  return refreshing;
}

/** A token good for the next request, refreshed when it is about to expire; null if none. */
export async function currentToken(): Promise<string | null> {
  if (accessToken && Date.now() > expiresAt - REFRESH_MARGIN_MS) {
    await refreshSession();
  }
  return accessToken;
}

export function hasToken(): boolean {
  return accessToken !== null;
}

/** End the session on the server; the page forgets it only once the server has (else a reload
 * on a shared machine would sign the same user back in from the cookie). */
export async function signOut(): Promise<void> {
  const response = await fetch("/app/session/end", {
    method: "POST",
    headers: HEADERS,
    credentials: "same-origin",
  }).catch(() => null);
  if (!response?.ok) throw new SignInRefused("Signing out failed; try again.", "SIGN_OUT_FAILED");
  store(null);
}
