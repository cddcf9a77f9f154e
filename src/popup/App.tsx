import { describeFailure } from '../shared/failure';
import { hostOf } from '../shared/hosts';
import { t } from '../shared/i18n';
import { Alert } from './Alert';
import { CodeForm } from './CodeForm';
import { SignedIn } from './SignedIn';
import { SignInForm } from './SignInForm';
import { useSession } from './use-session';

export function App() {
  const { view, unreachable, send } = useSession();
  const extensionError = unreachable ? t('errorExtension') : undefined;

  // Until the background answers (a few milliseconds) nothing is drawn, so no form flickers.
  if (!view)
    return <main aria-busy="true">{extensionError && <Alert text={extensionError} />}</main>;

  const failure = 'failure' in view && view.failure ? describeFailure(view.failure) : undefined;
  const error = extensionError ?? failure;
  return (
    <main>
      <header>
        <h1>{t('popupHeading')}</h1>
        <p class="host">{t('studioHost', hostOf(view.studioOrigin))}</p>
      </header>
      {view.status === 'signedIn' && <SignedIn view={view} send={send} />}
      {view.status === 'needsCode' && <CodeForm view={view} error={error} send={send} />}
      {(view.status === 'signedOut' || view.status === 'signingIn') && (
        <SignInForm view={view} error={error} send={send} />
      )}
    </main>
  );
}
