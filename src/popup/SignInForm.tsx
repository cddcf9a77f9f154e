import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../shared/i18n';
import { findInputProblem, type InputProblem } from '../shared/input';
import type { SessionView } from '../shared/messages';
import { Alert } from './Alert';
import type { SendAction } from './use-session';

type FormView = Extract<SessionView, { status: 'signedOut' | 'signingIn' }>;

const PROBLEM_MESSAGES: Record<'username' | 'password', Record<InputProblem, MessageKey>> = {
  username: {
    empty: 'errorEmptyUsername',
    tooLong: 'errorTooLong',
    controlCharacters: 'errorControlCharacters',
  },
  password: {
    empty: 'errorEmptyPassword',
    tooLong: 'errorTooLong',
    controlCharacters: 'errorControlCharacters',
  },
};

export function SignInForm({
  view,
  error,
  send,
}: {
  view: FormView;
  error?: string;
  send: SendAction;
}) {
  const [username, setUsername] = useState(view.username ?? '');
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<{ field: 'username' | 'password'; text: string }>();
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const busy = view.status === 'signingIn';

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
    passwordInput.current?.focus();
  };

  // A password that Studio rejected is cleared; after a network fault it stays for a retry.
  const rejected = view.status === 'signedOut' && view.failure?.kind === 'rejected';
  useEffect(() => {
    if (rejected) setPassword('');
  }, [rejected, view]);

  const shown = invalid?.text ?? (busy ? undefined : error);
  const ssoOnly = view.status === 'signedOut' && view.failure?.kind === 'ssoOnly';
  return (
    <>
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
          autoFocus={!username}
          value={username}
          aria-invalid={invalid?.field === 'username'}
          aria-describedby={shown ? 'form-error' : undefined}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        <label for="password">{t('passwordLabel')}</label>
        <input
          id="password"
          ref={passwordInput}
          name="password"
          type="password"
          autocomplete="current-password"
          autoFocus={Boolean(username)}
          value={password}
          aria-invalid={invalid?.field === 'password'}
          aria-describedby={shown ? 'form-error' : undefined}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        {shown && <Alert id="form-error" text={shown} />}
        {ssoOnly && !busy && (
          <a
            class="button secondary"
            href={`${view.studioOrigin}/login`}
            target="_blank"
            rel="noreferrer"
          >
            {t('openStudioSignIn')}
          </a>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('logInButton')}
        </button>
      </form>
    </>
  );
}

function StudioSessionOffer({ username, send }: { username?: string; send: SendAction }) {
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
