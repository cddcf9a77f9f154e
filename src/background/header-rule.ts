import type { DeclarativeNetRequest } from 'webextension-polyfill';
import { hostOf, TOKEN_HEADER } from '../shared/hosts';

/** The id of the dynamic rule that adds the token header. Dynamic rules persist across restarts. */
export const HEADER_RULE_ID = 1;

/**
 * Request types the header is added to. Top-level navigations are included for links from
 * the docs to the API, but a typed address has no initiator, so those loads rely on the
 * cookie instead.
 */
const RESOURCE_TYPES: DeclarativeNetRequest.ResourceType[] = [
  'main_frame',
  'sub_frame',
  'xmlhttprequest',
  'image',
  'media',
  'other',
];

/**
 * Builds the rule that sets `x-jwt-token` on Studio API requests. A header added this way
 * triggers no CORS preflight, so `initiatorDomains` is what keeps other sites from making
 * authenticated calls. Both lists also match subdomains of the hosts given.
 */
export function buildHeaderRule(
  token: string,
  studioOrigin: string,
  initiatorHosts: readonly string[],
): DeclarativeNetRequest.Rule {
  return {
    id: HEADER_RULE_ID,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [{ header: TOKEN_HEADER, operation: 'set', value: token }],
    },
    condition: {
      urlFilter: `|${studioOrigin}/v1/api/`,
      requestDomains: [hostOf(studioOrigin)],
      initiatorDomains: [...initiatorHosts],
      resourceTypes: RESOURCE_TYPES,
    },
  };
}
