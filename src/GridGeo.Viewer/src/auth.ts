/**
 * Signing in: a planner pastes an API key (from `gridgeo keys create`); the viewer checks it with
 * `GET /api/auth/me`, keeps it in sessionStorage (gone when the tab closes, never in localStorage
 * or a cookie) and sends it as `X-Api-Key` with every edit. Reads stay anonymous.
 */
const storageKey = 'gridgeo.apiKey';

export interface SignedIn {
  key: string;
  name: string;
  role: string;
  streets: string[];
  canEdit: boolean;
}

let current: SignedIn | null = null;
const listeners: ((who: SignedIn | null) => void)[] = [];

export function signedIn(): SignedIn | null {
  return current;
}

/** The header of the signed-in key, for writes; empty when nobody is signed in. */
export function authHeaders(): Record<string, string> {
  return current ? { 'X-Api-Key': current.key } : {};
}

export function onSignIn(listener: (who: SignedIn | null) => void): void {
  listeners.push(listener);
}

export function setSignedIn(who: SignedIn | null): void {
  current = who;
  try {
    if (who) sessionStorage.setItem(storageKey, who.key);
    else sessionStorage.removeItem(storageKey);
  } catch {
    // Storage may be disabled; the key then lasts as long as the page.
  }
  for (const l of listeners) l(who);
}

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** What a signed-in key may do, in words. */
export function describe(who: SignedIn): string {
  if (who.role === 'admin') return `${who.name} · 管理员 admin: may edit every street`;
  if (who.role === 'planner') return `${who.name} · 规划员 planner: may edit streets ${who.streets.join(', ')}`;
  return `${who.name} · 只读 reader: may look but not edit`;
}
