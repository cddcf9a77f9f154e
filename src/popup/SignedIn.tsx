import { hostOf } from '../shared/hosts';
import { t } from '../shared/i18n';
import type { Profile, SessionView } from '../shared/messages';
import { useFocus } from './use-focus';
import type { SendAction } from './use-session';

type SignedInView = Extract<SessionView, { status: 'signedIn' }>;

/** Returns "Signed in as NAME (USERNAME)", or only the username when the name is unknown. */
export function signedInText(profile: Profile): string {
  return profile.name === profile.username
    ? t('signedInAsUsername', profile.username)
    : t('signedInAs', [profile.name, profile.username]);
}

export function SignedIn({ view, send }: { view: SignedInView; send: SendAction }) {
  const { profile, expiresAt, studioOrigin } = view;
  const signOutButton = useFocus<HTMLButtonElement>();
  return (
    <section aria-labelledby="signed-in">
      <p id="signed-in" class="who">
        {signedInText(profile)}
      </p>
      <p class="host">
        {t('signedInHost', hostOf(studioOrigin))} ·{' '}
        <a href={`${studioOrigin}/`} target="_blank">
          {t('openStudio')} <span class="visually-hidden">{t('newTabHint')}</span>
        </a>
      </p>
      {expiresAt && <p class="expiry">{t('expiresAt', formatTime(expiresAt))}</p>}
      <button type="button" ref={signOutButton} onClick={() => send('signOut', null)}>
        {t('signOutButton')}
      </button>
    </section>
  );
}

function formatTime(epochMs: number): string {
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return format.format(epochMs);
}
