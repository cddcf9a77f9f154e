import { hostOf } from '../shared/hosts';
import { t } from '../shared/i18n';
import type { SessionView } from '../shared/messages';
import type { SendAction } from './use-session';

type SignedInView = Extract<SessionView, { status: 'signedIn' }>;

export function SignedIn({ view, send }: { view: SignedInView; send: SendAction }) {
  const { profile, expiresAt, studioOrigin } = view;
  return (
    <section aria-labelledby="signed-in">
      <p id="signed-in" class="who">
        {t('signedInAs', [profile.name, profile.username])}
      </p>
      <p>
        <a href={`${studioOrigin}/`} target="_blank" rel="noreferrer">
          {hostOf(studioOrigin)}
        </a>
      </p>
      {expiresAt && <p class="expiry">{t('expiresAt', formatTime(expiresAt))}</p>}
      <button type="button" onClick={() => send('signOut', null)}>
        {t('signOutButton')}
      </button>
    </section>
  );
}

function formatTime(epochMs: number): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    epochMs,
  );
}
