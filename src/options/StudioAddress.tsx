import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { hostOf } from '../shared/hosts';
import { t, type MessageKey } from '../shared/i18n';
import type { Settings } from '../shared/messages';
import {
  isDefaultStudio,
  originPattern,
  parseStudioAddress,
  type AddressProblem,
} from '../shared/studio-address';

export const ADDRESS_PROBLEM_MESSAGES: Record<AddressProblem, MessageKey> = {
  empty: 'errorAddressEmpty',
  spaces: 'errorAddressSpaces',
  invalid: 'errorAddressInvalid',
  credentials: 'errorAddressCredentials',
  path: 'errorAddressPath',
  insecure: 'errorAddressInsecure',
  scheme: 'errorAddressScheme',
  host: 'errorAddressHost',
};

interface Props {
  current: string;
  update: (patch: Partial<Settings>) => Promise<Settings | undefined>;
}

/** The Studio address form: checks the address, requests host access, then saves. */
export function StudioAddress({ current, update }: Props) {
  const [address, setAddress] = useState(current);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();

  const handleSubmit = async (event: Event) => {
    event.preventDefault();
    setSaved(undefined);
    const parsed = parseStudioAddress(address);
    if ('problem' in parsed) {
      setError(t(ADDRESS_PROBLEM_MESSAGES[parsed.problem]));
      return;
    }
    const { origin } = parsed;
    // permissions.request needs the click's user gesture, so nothing is awaited before it.
    const granted =
      isDefaultStudio(origin) ||
      (await browser.permissions.request({ origins: [originPattern(origin)] }));
    if (!granted) {
      setError(t('errorPermissionRefused', [hostOf(origin), hostOf(current)]));
      return;
    }
    const settings = await update({ studioOrigin: origin });
    if (!settings) return;
    setError(undefined);
    setAddress(settings.studioOrigin);
    setSaved(t('addressSaved', hostOf(settings.studioOrigin)));
    await releaseOldHost(current, settings.studioOrigin);
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <label for="studio-address">{t('studioAddressLabel')}</label>
      <input
        id="studio-address"
        name="studio-address"
        inputMode="url"
        spellcheck={false}
        value={address}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? 'address-help address-error' : 'address-help'}
        onInput={(event) => setAddress(event.currentTarget.value)}
      />
      <p id="address-help" class="help">
        {t('studioAddressHelp')}
      </p>
      {error && (
        <p id="address-error" class="alert" role="alert">
          {error}
        </p>
      )}
      <p role="status">{saved}</p>
      <button type="submit">{t('saveButton')}</button>
    </form>
  );
}

/** Gives back the host permission of an enterprise address that is no longer used. */
async function releaseOldHost(previous: string, next: string): Promise<void> {
  if (isDefaultStudio(previous) || originPattern(previous) === originPattern(next)) return;
  await browser.permissions.remove({ origins: [originPattern(previous)] }).catch(() => false);
}
