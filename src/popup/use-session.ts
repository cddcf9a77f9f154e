import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import {
  isFromExtensionPage,
  sendToBackground,
  type BackgroundMessages,
  type BackgroundMessageType,
  type SessionView,
} from '../shared/messages';

export type SendAction = <K extends BackgroundMessageType>(
  type: K,
  data: BackgroundMessages[K]['request'],
) => Promise<void>;

/**
 * Follows the session as the background reports it, and sends actions to the background.
 * `unreachable` is set when the background did not respond to an action.
 */
export function useSession() {
  const [view, setView] = useState<SessionView>();
  const [unreachable, setUnreachable] = useState(false);

  useEffect(() => {
    const handleChange = (message: unknown, sender: browser.Runtime.MessageSender) => {
      const { type, data } = (message ?? {}) as { type?: unknown; data?: SessionView };
      if (type === 'sessionChanged' && data && isFromExtensionPage(sender)) setView(data);
      return undefined;
    };
    browser.runtime.onMessage.addListener(handleChange);
    sendToBackground('getSession', null).then(setView, () => setUnreachable(true));
    return () => browser.runtime.onMessage.removeListener(handleChange);
  }, []);

  const send: SendAction = useCallback(async (type, data) => {
    setUnreachable(false);
    try {
      setView((await sendToBackground(type, data)) as SessionView);
    } catch {
      // The worker may have stopped mid-request; asking again starts a new one, which
      // reports what became of the request.
      await sendToBackground('getSession', null).then(setView, () => setUnreachable(true));
    }
  }, []);

  return { view, unreachable, send };
}
