import { hostOf } from '../shared/hosts';
import { t } from '../shared/i18n';
import type { Profile, SessionView } from '../shared/messages';
import { AuthenticateTab } from './AuthenticateTab';
import { CopyToken } from './CopyToken';
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
      <div class="identity">
        {profile.photo && (
          <img src={profile.photo} alt="" width={40} height={40} referrerpolicy="no-referrer" />
        )}
        <p id="signed-in" class="who">
          {signedInText(profile)}
        </p>
      </div>
      <p class="host">
        {t('signedInHost', hostOf(studioOrigin))} ·{' '}
        <a href={`${studioOrigin}/`} target="_blank">
          {t('openStudio')} <span class="visually-hidden">{t('newTabHint')}</span>
        </a>
      </p>
      {expiresAt && (
        <p class="expiry" title={formatTime(expiresAt)}>
          {t('expiresIn', formatRelative(expiresAt))}
        </p>
      )}
      <button type="button" ref={signOutButton} onClick={() => send('signOut', null)}>
        {t('signOutButton')}
      </button>
      <AuthenticateTab studioOrigin={studioOrigin} />
      <CopyToken />
    </section>
  );
}

function formatTime(epochMs: number): string {
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return format.format(epochMs);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** Formats an expiry as "in 23 hours", in the browser's language, in the largest whole unit. */
export function formatRelative(epochMs: number, now = Date.now()): string {
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const remaining = epochMs - now;
  const [unit, size] = UNITS.find(([, size]) => Math.abs(remaining) >= 2 * size) ?? UNITS[2]!;
  return format.format(Math.round(remaining / size), unit);
}
