import { expect, test } from 'vitest';
import manifest from '../manifest.json';

test('security: no web page can connect to the extension', () => {
  expect(manifest).not.toHaveProperty('externally_connectable');
  expect(manifest).not.toHaveProperty('web_accessible_resources');
});

test('security: extension pages run only packaged scripts', () => {
  const policy = manifest.content_security_policy.extension_pages;
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
});

test('security: host access is limited to Studio and the docs', () => {
  expect(manifest.host_permissions).toEqual([
    'https://studio.edgeimpulse.com/*',
    'https://docs.edgeimpulse.com/*',
  ]);
});
