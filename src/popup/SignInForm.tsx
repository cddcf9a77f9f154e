import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../shared/i18n';
import { findInputProblem, type InputProblem } from '../shared/input';
import type { SessionView } from '../shared/messages';
import { AccessRequest } from './AccessRequest';
import { Alert } from './Alert';
import { StudioSessionOffer } from './StudioSessionOffer';
import { useFocus } from './use-focus';
import type { SendAction } from './use-session';

type FormView = Extract<SessionView, { status: 'signedOut' | 'signingIn' }>;
type Field = 'username' | 'password';

const PROBLEM_MESSAGES: Record<Field, Record<InputProblem, MessageKey>> = {
  username: {
    empty: 'errorEmptyUsername',
    tooLong: 'errorTooLongUsername',
    controlCharacters: 'errorControlCharactersUsername',
  },
  password: {
    empty: 'errorEmptyPassword',
    tooLong: 'errorTooLongPassword',
    controlCharacters: 'errorControlCharactersPassword',
  },
};

interface Props {
  view: FormView;
  error?: string;
  send: SendAction;
}

export function SignInForm({ view, error, send }: Props) {
  const [username, setUsername] = useState(view.username ?? '');
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<{ field: Field; text: string }>();
  const busy = view.status === 'signingIn';
  const failure = view.status === 'signedOut' ? view.failure : undefined;
  // A known username (after a failure, or an expired session) puts focus on the password.
  const prefilled = Boolean(view.username);
  const usernameInput = useFocus<HTMLInputElement>(failure, !prefilled);
  const passwordInput = useFocus<HTMLInputElement>(failure, prefilled);

  const handleSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problem = findProblem(username, password);
    setInvalid(problem);
    if (problem) {
      (problem.field === 'username' ? usernameInput : passwordInput).current?.focus();
      return;
    }
    await send('signIn', { username, password });
  };

  // A password that Studio rejected is cleared; after a network fault it stays for a retry.
  const rejected = failure?.kind === 'rejected';
  useEffect(() => {
    if (rejected) setPassword('');
  }, [rejected, view]);

  const alertText = invalid?.text ?? (busy ? undefined : error);
  const describedBy = (field: Field) => (invalid?.field === field ? 'form-error' : undefined);
  return (
    <>
      {view.status === 'signedOut' && view.missingAccess && (
        <AccessRequest patterns={view.missingAccess} send={send} />
      )}
      {view.status === 'signedOut' && view.studioSession && (
        <StudioSessionOffer username={view.studioSession.username} send={send} />
      )}
      <form onSubmit={handleSubmit} noValidate aria-busy={busy}>
        <label for="username">{t('usernameLabel')}</label>
        <input
          id="username"
          ref={usernameInput}
          name="username"
          autocomplete="username"
          value={username}
          aria-invalid={invalid?.field === 'username'}
          aria-describedby={describedBy('username')}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        <label for="password">{t('passwordLabel')}</label>
        <input
          id="password"
          ref={passwordInput}
          name="password"
          type="password"
          autocomplete="current-password"
          value={password}
          aria-invalid={invalid?.field === 'password'}
          aria-describedby={describedBy('password')}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        {alertText && <Alert id="form-error" text={alertText} />}
        {failure?.kind === 'ssoOnly' && (
          <a class="button secondary" href={`${view.studioOrigin}/login`} target="_blank">
            {t('openStudioSignIn')} <span class="visually-hidden">{t('newTabHint')}</span>
          </a>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('logInButton')}
        </button>
      </form>
    </>
  );
}

function findProblem(username: string, password: string) {
  for (const [field, value] of [
    ['username', username],
    ['password', password],
  ] as const) {
    const problem = findInputProblem(value);
    if (problem) return { field, text: t(PROBLEM_MESSAGES[field][problem]) };
  }
  return undefined;
}
