import type { DeclarativeNetRequest } from 'webextension-polyfill';
import { hostOf, TOKEN_HEADER } from '../shared/hosts';

/** The id of the dynamic rule that adds the token header. Dynamic rules persist across restarts. */
export const HEADER_RULE_ID = 1;

/** Ids of the CORS rules, one per API tool that asked for them, starting here. */
const FIRST_CORS_RULE_ID = 100;
const MAX_CORS_RULES = 20;

const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const CORS_HEADERS = 'content-type, x-jwt-token, x-api-key';

/** Every rule id the extension may have set, for removing them all at once. */
export const ALL_RULE_IDS = [
  HEADER_RULE_ID,
  ...Array.from({ length: MAX_CORS_RULES }, (_, index) => FIRST_CORS_RULE_ID + index),
];

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

/** The requests a token rule covers besides the Studio API: by initiator, and by tab. */
export type RuleScope = { initiatorDomains: string[]; tabIds?: number[] };

/** Builds a rule that sets `x-jwt-token` on Studio API requests within a scope. */
export function buildTokenRule(
  id: number,
  token: string,
  studioOrigin: string,
  scope: RuleScope,
  resourceTypes: DeclarativeNetRequest.ResourceType[] = RESOURCE_TYPES,
): DeclarativeNetRequest.Rule {
  return {
    id,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [{ header: TOKEN_HEADER, operation: 'set', value: token }],
    },
    condition: {
      urlFilter: `|${studioOrigin}/v1/api/`,
      requestDomains: [hostOf(studioOrigin)],
      ...scope,
      resourceTypes,
    },
  };
}

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
  return buildTokenRule(HEADER_RULE_ID, token, studioOrigin, {
    initiatorDomains: [...initiatorHosts],
  });
}

/**
 * Builds, for each API tool with CORS switched on, a rule that lets that origin read Studio's
 * responses. Only requests the tool itself starts match, so no other site gains access.
 */
export function buildCorsRules(
  studioOrigin: string,
  tools: readonly { origin: string; cors: boolean }[],
): DeclarativeNetRequest.Rule[] {
  return tools
    .filter((tool) => tool.cors)
    .slice(0, MAX_CORS_RULES)
    .map((tool, index) => ({
      id: FIRST_CORS_RULE_ID + index,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        responseHeaders: [
          { header: 'access-control-allow-origin', operation: 'set', value: tool.origin },
          { header: 'access-control-allow-methods', operation: 'set', value: CORS_METHODS },
          { header: 'access-control-allow-headers', operation: 'set', value: CORS_HEADERS },
          { header: 'access-control-expose-headers', operation: 'set', value: '*' },
          { header: 'vary', operation: 'append', value: 'Origin' },
        ],
      },
      condition: {
        urlFilter: `|${studioOrigin}/v1/api/`,
        requestDomains: [hostOf(studioOrigin)],
        initiatorDomains: [hostOf(tool.origin)],
        // NOTE: whether Chromium applies these rules to a CORS preflight is not tested.
        resourceTypes: ['xmlhttprequest', 'other'],
      },
    }));
}
