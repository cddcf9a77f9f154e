/** Shows the session's state on the toolbar button: badge text, colour and tooltip. */
import browser from 'webextension-polyfill';
import { t, type MessageKey } from '../shared/i18n';
import type { SessionView } from '../shared/messages';

type BadgeState = SessionView['status'] | 'expired';

const BADGES: Record<BadgeState, { text: string; color: string; title: MessageKey }> = {
  signedOut: { text: '', color: '#5f6368', title: 'badgeSignedOut' },
  signingIn: { text: '…', color: '#5f6368', title: 'badgeSigningIn' },
  needsCode: { text: '…', color: '#b06000', title: 'badgeNeedsCode' },
  signedIn: { text: 'on', color: '#137333', title: 'badgeSignedIn' },
  expired: { text: '!', color: '#b3261e', title: 'badgeExpired' },
};

/** Updates the toolbar button; the tooltip is what screen readers announce for it. */
export async function updateBadge(view: SessionView): Promise<void> {
  const expired = view.status === 'signedOut' && view.failure?.kind === 'expired';
  const badge = BADGES[expired ? 'expired' : view.status];
  const title = view.status === 'signedIn' ? t(badge.title, view.profile.username) : t(badge.title);
  await browser.action.setBadgeText({ text: badge.text });
  await browser.action.setBadgeBackgroundColor({ color: badge.color });
  await browser.action.setTitle({ title });
}
