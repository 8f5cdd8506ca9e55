/**
 * 现场检查 without signal after a reload: the field page remembers who opened it (id and name only — no token, the
 * session cookie stays the only credential) so that, when the page is reloaded from the service worker's copy in a
 * valley and the session cannot be checked, it can still show that person's downloaded targets and outbox. Signing
 * out forgets it; with a connection the normal sign-in check decides as always.
 */
const KEY = 'anwen.field.user';

export interface FieldUser {
  id: number;
  displayName: string;
}

export function rememberFieldUser(user: FieldUser): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ id: user.id, displayName: user.displayName }));
  } catch {
    // storage refused (private mode): the page then needs a connection to reopen
  }
}

export function forgetFieldUser(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}

/**
 * The person who last opened the field page on this device. Used only when the session check got no answer at all
 * (navigator.onLine is no guide: a phone in a valley is often "online" with nothing getting through).
 */
export function storedFieldUser(): FieldUser | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as FieldUser | null;
    return v && typeof v.id === 'number' && typeof v.displayName === 'string' ? v : null;
  } catch {
    return null;
  }
}
