import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import type { SendAction } from './use-session';

/**
 * Explains that host access is missing and requests it. Firefox grants host permissions only
 * on request, and any browser lets the user withdraw them; without them a sign-in would fail
 * like a network fault.
 */
export function AccessRequest({ patterns, send }: { patterns: string[]; send: SendAction }) {
  const request = async () => {
    // permissions.request needs the click's user gesture, so nothing is awaited before it.
    await browser.permissions.request({ origins: patterns }).catch(() => false);
    await send('getSession', null);
  };
  return (
    <section class="offer" aria-labelledby="access-notice">
      <p id="access-notice">{t('accessMissingNotice')}</p>
      <button type="button" onClick={request}>
        {t('allowAccessButton')}
      </button>
    </section>
  );
}
