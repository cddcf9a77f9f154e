import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { sendToBackground } from '../shared/messages';

type Step = 'closed' | 'warning' | 'copied' | 'failed';

/**
 * Copies the token for tools the browser cannot sign in, such as curl, behind a warning. The
 * popup requests the token from the background only on the confirming click and keeps no copy.
 */
export function CopyToken() {
  const [step, setStep] = useState<Step>('closed');

  const copy = async () => {
    try {
      const answer = await sendToBackground('copyToken', null);
      if (!answer) throw new Error('Not signed in');
      await navigator.clipboard.writeText(answer.token);
      setStep('copied');
    } catch {
      setStep('failed');
    }
  };

  if (step === 'closed') {
    return (
      <button type="button" class="secondary" onClick={() => setStep('warning')}>
        {t('copyTokenButton')}
      </button>
    );
  }
  return (
    <div class="copy-token">
      <p id="copy-token-warning">{t('copyTokenWarning')}</p>
      <button type="button" class="secondary" aria-describedby="copy-token-warning" onClick={copy}>
        {t('copyTokenConfirm')}
      </button>
      <p role="status">{step === 'copied' ? t('tokenCopied') : ''}</p>
      {step === 'failed' && (
        <p class="alert" role="alert">
          {t('errorCopyFailed')}
        </p>
      )}
    </div>
  );
}
