/** The toolbar's sign-in box: check a key with the API, remember it for the session, sign out. */
import { ApiError, whoAmI } from './api';
import { describe, onSignIn, setSignedIn, storedKey, type SignedIn } from './auth';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function check(key: string): Promise<SignedIn> {
  const me = await whoAmI(key);
  return { key, name: me.name, role: me.role, streets: me.streets ?? [], canEdit: !!me.can_edit };
}

export function wireSignIn(el: HTMLElement): void {
  const render = (who: SignedIn | null, message = '') => {
    el.innerHTML = who
      ? `<span data-field="who" class="who">${esc(describe(who))}</span>
         <button type="button" data-action="signout">退出 Sign out</button>`
      : `<form data-form="signin" autocomplete="off">
           <input data-field="key" type="password" placeholder="API key 密钥" aria-label="API key" />
           <button type="submit">登录 Sign in</button>
         </form>${message ? `<span data-field="signin-message" class="error">${esc(message)}</span>` : ''}`;
    el.dataset.role = who?.role ?? '';
    el.querySelector<HTMLButtonElement>('[data-action=signout]')?.addEventListener('click', () => setSignedIn(null));
    el.querySelector<HTMLFormElement>('[data-form=signin]')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      const key = el.querySelector<HTMLInputElement>('[data-field=key]')!.value.trim();
      if (!key) return;
      try {
        setSignedIn(await check(key));
      } catch (err) {
        const why =
          err instanceof ApiError && err.status === 401
            ? '密钥无效或已吊销 · this key is unknown or revoked'
            : `登录失败 · sign-in failed: ${(err as Error).message}`;
        render(null, why);
      }
    });
  };
  onSignIn((who) => render(who));
  render(null);
  const saved = storedKey();
  if (saved) {
    check(saved).then(
      (who) => setSignedIn(who),
      () => setSignedIn(null),
    );
  }
}
