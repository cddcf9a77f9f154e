import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { sendToBackground, type Settings } from '../shared/messages';
import { ApiTools } from './ApiTools';
import { StudioAddress } from './StudioAddress';

export function Options() {
  const [settings, setSettings] = useState<Settings>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    sendToBackground('getSettings', null).then(setSettings, () => setFailed(true));
  }, []);

  const update = async (patch: Partial<Settings>) => {
    setFailed(false);
    try {
      const saved = await sendToBackground('updateSettings', patch);
      setSettings(saved);
      return saved;
    } catch {
      setFailed(true);
      return undefined;
    }
  };

  return (
    <main aria-busy={!settings}>
      <h1>{t('optionsTitle')}</h1>
      {failed && (
        <p class="alert" role="alert">
          {t('errorSettingsNotSaved')}
        </p>
      )}
      {settings && (
        <section aria-labelledby="address-heading">
          <h2 id="address-heading">{t('studioAddressHeading')}</h2>
          <StudioAddress current={settings.studioOrigin} update={update} />
        </section>
      )}
      {settings && (
        <section aria-labelledby="session-heading">
          <h2 id="session-heading">{t('sessionHeading')}</h2>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.staySignedIn}
              aria-describedby="stay-signed-in-help"
              onChange={(event) => update({ staySignedIn: event.currentTarget.checked })}
            />
            {t('staySignedInLabel')}
          </label>
          <p id="stay-signed-in-help" class="help">
            {t('staySignedInHelp')}
          </p>
        </section>
      )}
      {settings && (
        <section aria-labelledby="tools-heading">
          <h2 id="tools-heading">{t('apiToolsHeading')}</h2>
          <ApiTools tools={settings.toolOrigins} update={update} />
        </section>
      )}
      {settings && (
        <section aria-labelledby="docs-heading">
          <h2 id="docs-heading">{t('apiReferenceHeading')}</h2>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.authenticateDocs}
              aria-describedby="authenticate-docs-help"
              onChange={(event) => update({ authenticateDocs: event.currentTarget.checked })}
            />
            {t('authenticateDocsLabel')}
          </label>
          <p id="authenticate-docs-help" class="help">
            {t('authenticateDocsHelp')}
          </p>
        </section>
      )}
    </main>
  );
}
