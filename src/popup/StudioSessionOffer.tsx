import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { SendAction } from './use-session';

/** Offers to adopt the session of a user who is already signed in on Studio itself. */
export function StudioSessionOffer({ username, send }: { username?: string; send: SendAction }) {
  const [busy, setBusy] = useState(false);
  const adopt = async () => {
    setBusy(true);
    await send('adoptStudioSession', null);
    setBusy(false);
  };
  return (
    <section class="offer" aria-label={t('studioSessionHint')}>
      <p>{t('studioSessionHint')}</p>
      <button type="button" disabled={busy} onClick={adopt}>
        {username ? t('useStudioSession', username) : t('useStudioSessionUnnamed')}
      </button>
      <p class="divider">{t('orDivider')}</p>
    </section>
  );
}
