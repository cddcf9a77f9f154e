import { expect, test } from 'vitest';
import browser from 'webextension-polyfill';
import type { SessionView } from '../shared/messages';
import { updateBadge } from './badge';

const studioOrigin = 'https://studio.edgeimpulse.com';
const profile = { id: 7, username: 'alice', name: 'Alice Example', email: '' };

test.each<[string, SessionView, string, string]>([
  [
    'signed out',
    { status: 'signedOut', studioOrigin },
    '',
    'Edge Impulse: signed out. Click to sign in.',
  ],
  [
    'signing in',
    { status: 'signingIn', studioOrigin, username: 'alice' },
    '…',
    'Edge Impulse: signing in…',
  ],
  [
    'needs code',
    { status: 'needsCode', studioOrigin, username: 'carol' },
    '…',
    'Edge Impulse: enter your authentication code to finish signing in.',
  ],
  [
    'signed in',
    { status: 'signedIn', studioOrigin, profile },
    'on',
    'Edge Impulse: signed in as alice.',
  ],
  [
    'expired',
    { status: 'signedOut', studioOrigin, failure: { kind: 'expired' } },
    '!',
    'Edge Impulse: your session expired. Click to sign in again.',
  ],
])('badge when %s', async (_, view, text, title) => {
  await updateBadge(view);

  expect(await browser.action.getBadgeText({})).toBe(text);
  expect(await browser.action.getTitle({})).toBe(title);
});
