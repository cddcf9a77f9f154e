import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import type { Settings, ToolOrigin } from '../shared/messages';
import { originPattern, parseStudioAddress } from '../shared/studio-address';
import { ADDRESS_PROBLEM_MESSAGES } from './StudioAddress';

interface Props {
  tools: ToolOrigin[];
  update: (patch: Partial<Settings>) => Promise<Settings | undefined>;
}

/** Lists the web-based API tools whose Studio API calls get the token header, and edits the list. */
export function ApiTools({ tools, update }: Props) {
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string>();

  const handleAdd = async (event: Event) => {
    event.preventDefault();
    const parsed = parseStudioAddress(address);
    if ('problem' in parsed) {
      setError(t(ADDRESS_PROBLEM_MESSAGES[parsed.problem]));
      return;
    }
    // permissions.request needs the click's user gesture, so nothing is awaited before it.
    const pattern = originPattern(parsed.origin);
    if (!(await browser.permissions.request({ origins: [pattern] }))) {
      setError(t('errorToolPermissionRefused', new URL(parsed.origin).host));
      return;
    }
    const saved = await update({ toolOrigins: [...tools, { origin: parsed.origin, cors: false }] });
    if (!saved) return;
    setError(undefined);
    setAddress('');
  };

  const remove = async (origin: string) => {
    await update({ toolOrigins: tools.filter((tool) => tool.origin !== origin) });
    await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  };

  const setCors = (origin: string, cors: boolean) =>
    update({
      toolOrigins: tools.map((tool) => (tool.origin === origin ? { ...tool, cors } : tool)),
    });

  return (
    <>
      <p class="help">{t('apiToolsHelp')}</p>
      {tools.length > 0 && (
        <ul class="tools">
          {tools.map((tool) => (
            <li key={tool.origin}>
              <span class="origin">{tool.origin}</span>
              <label class="check">
                <input
                  type="checkbox"
                  checked={tool.cors}
                  onChange={(event) => setCors(tool.origin, event.currentTarget.checked)}
                />
                {t('toolCorsLabel', tool.origin)}
              </label>
              <button type="button" class="secondary" onClick={() => remove(tool.origin)}>
                {t('removeToolButton', tool.origin)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={handleAdd} noValidate>
        <label for="tool-address">{t('toolAddressLabel')}</label>
        <input
          id="tool-address"
          inputMode="url"
          spellcheck={false}
          value={address}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'tool-error' : undefined}
          onInput={(event) => setAddress(event.currentTarget.value)}
        />
        {error && (
          <p id="tool-error" class="alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t('addToolButton')}</button>
      </form>
    </>
  );
}
