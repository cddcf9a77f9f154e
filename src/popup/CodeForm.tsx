import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { isValidCode, normalizeCode } from '../shared/input';
import type { SessionView } from '../shared/messages';
import { Alert } from './Alert';
import type { SendAction } from './use-session';

type CodeView = Extract<SessionView, { status: 'needsCode' }>;

export function CodeForm({
  view,
  error,
  send,
}: {
  view: CodeView;
  error?: string;
  send: SendAction;
}) {
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const normalized = normalizeCode(code);
    setInvalid(!isValidCode(normalized));
    if (!isValidCode(normalized)) return;
    setBusy(true);
    await send('submitCode', { code: normalized });
    setBusy(false);
    setCode('');
  };

  const handleKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      void send('cancelCode', null);
    }
  };

  const shown = invalid ? t('errorInvalidCode') : busy ? undefined : error;
  return (
    <form onSubmit={handleSubmit} onKeyDown={handleKeyDown} noValidate aria-busy={busy}>
      <h2>{t('codeHeading')}</h2>
      <p>{t('codeHint', view.username)}</p>
      <label for="code">{t('codeLabel')}</label>
      <input
        id="code"
        name="code"
        inputMode="numeric"
        autocomplete="one-time-code"
        autoFocus
        maxLength={12}
        value={code}
        aria-invalid={invalid}
        aria-describedby={shown ? 'code-error' : undefined}
        onInput={(event) => setCode(event.currentTarget.value)}
      />
      {shown && <Alert id="code-error" text={shown} />}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('verifyButton')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() => send('cancelCode', null)}
        >
          {t('cancelButton')}
        </button>
      </div>
    </form>
  );
}
