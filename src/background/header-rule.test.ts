import { expect, test } from 'vitest';
import { buildHeaderRule, HEADER_RULE_ID } from './header-rule';

const rule = buildHeaderRule('a.b.c', 'https://studio.edgeimpulse.com', [
  'studio.edgeimpulse.com',
  'docs.edgeimpulse.com',
]);

test('rule sets x-jwt-token to the token', () => {
  expect(rule.id).toBe(HEADER_RULE_ID);
  expect(rule.action).toEqual({
    type: 'modifyHeaders',
    requestHeaders: [{ header: 'x-jwt-token', operation: 'set', value: 'a.b.c' }],
  });
});

test('rule matches only API paths on the Studio host', () => {
  expect(rule.condition.urlFilter).toBe('|https://studio.edgeimpulse.com/v1/api/');
  expect(rule.condition.requestDomains).toEqual(['studio.edgeimpulse.com']);
});

test('security: rule is limited to Studio and docs initiators', () => {
  expect(rule.condition.initiatorDomains).toEqual([
    'studio.edgeimpulse.com',
    'docs.edgeimpulse.com',
  ]);
});

test('rule covers fetch, XHR and navigations', () => {
  expect(rule.condition.resourceTypes).toEqual(
    expect.arrayContaining(['xmlhttprequest', 'main_frame', 'sub_frame']),
  );
});
