import browser from 'webextension-polyfill';
import { describeFailure } from '../shared/failure';
import { hostOf } from '../shared/hosts';
import { t } from '../shared/i18n';
import type { SessionView } from '../shared/messages';
import { Alert } from './Alert';
import { CodeForm } from './CodeForm';
import { SignedIn, signedInText } from './SignedIn';
import { SignInForm } from './SignInForm';
import { useSession } from './use-session';

export function App() {
  const { view, unreachable, send } = useSession();
  const extensionError = unreachable ? t('errorExtension') : undefined;

  // Until the background responds (a few milliseconds) nothing is drawn, so no form flickers.
  if (!view) {
    return <main aria-busy="true">{extensionError && <Alert text={extensionError} />}</main>;
  }

  const failure = 'failure' in view && view.failure ? describeFailure(view.failure) : undefined;
  const error = extensionError ?? failure;
  const codeStep =
    view.status === 'needsCode' || (view.status === 'signingIn' && view.verifyingCode);
  return (
    <main>
      <header>
        <h1>{t('popupHeading')}</h1>
        {view.status !== 'signedIn' && (
          <p class="host">{t('studioHost', hostOf(view.studioOrigin))}</p>
        )}
      </header>
      <p class="visually-hidden" role="status">
        {announcement(view)}
      </p>
      {view.status === 'signedIn' && <SignedIn view={view} send={send} />}
      {codeStep && <CodeForm view={view} error={error} send={send} />}
      {(view.status === 'signedOut' || (view.status === 'signingIn' && !codeStep)) && (
        <SignInForm view={view} error={error} send={send} />
      )}
      <footer>
        <button type="button" class="link" onClick={() => browser.runtime.openOptionsPage()}>
          {t('settingsLink')}
        </button>
      </footer>
    </main>
  );
}

/** Text for the polite live region, so screen readers hear what changed besides errors. */
function announcement(view: SessionView): string {
  switch (view.status) {
    case 'signedIn':
      return signedInText(view.profile);
    case 'needsCode':
      return t('announceNeedsCode');
    case 'signingIn':
      return t('signingIn');
    case 'signedOut':
      return '';
  }
}
