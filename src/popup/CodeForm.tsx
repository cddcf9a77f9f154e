import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { isValidCode, normalizeCode } from '../shared/input';
import type { SessionView } from '../shared/messages';
import { Alert } from './Alert';
import { useFocus } from './use-focus';
import type { SendAction } from './use-session';

type CodeView = Extract<SessionView, { status: 'needsCode' | 'signingIn' }>;

interface Props {
  view: CodeView;
  error?: string;
  send: SendAction;
}

export function CodeForm({ view, error, send }: Props) {
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const busy = view.status === 'signingIn';
  // Focus returns to the field after each rejected code, so the next one can be typed at once.
  const codeInput = useFocus<HTMLInputElement>(view.status === 'needsCode' && view.failure);

  const handleSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const normalized = normalizeCode(code);
    const valid = isValidCode(normalized);
    setInvalid(!valid);
    if (!valid) {
      codeInput.current?.focus();
      return;
    }
    setCode('');
    await send('submitCode', { code: normalized });
  };

  const cancel = () => send('cancelCode', null);
  const handleKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || busy) return;
    event.preventDefault();
    void cancel();
  };

  let alertText = busy ? undefined : error;
  if (invalid) alertText = t('errorInvalidCode');
  return (
    <form onSubmit={handleSubmit} onKeyDown={handleKeyDown} noValidate aria-busy={busy}>
      <h2>{t('codeHeading')}</h2>
      <p class="hint">{t('codeHint', view.username)}</p>
      <label for="code">{t('codeLabel')}</label>
      <input
        id="code"
        ref={codeInput}
        name="code"
        inputMode="numeric"
        autocomplete="one-time-code"
        maxLength={12}
        value={code}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'code-error' : undefined}
        onInput={(event) => setCode(event.currentTarget.value)}
      />
      {alertText && <Alert id="code-error" text={alertText} />}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('verifyButton')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={cancel}>
          {t('cancelButton')}
        </button>
      </div>
    </form>
  );
}
