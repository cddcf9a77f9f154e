import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from '../testing/fake-browser';
import { needsHostPermission, requestTabAccess, type TargetTab } from './AuthenticateTab';

const TOOL_PATTERN = 'https://tool.example/*';
const tab: TargetTab = {
  id: 42,
  host: 'tool.example',
  pattern: TOOL_PATTERN,
  hasPermission: false,
};
const request = vi.fn<(permissions: { origins: string[] }) => Promise<boolean>>();

beforeEach(() => {
  request.mockReset();
  Object.assign(fakeBrowser.permissions, { request });
});

describe('requestTabAccess in Chromium', () => {
  test('grants without a request', async () => {
    expect(needsHostPermission()).toBe(false);

    expect(await requestTabAccess(tab)).toEqual({ granted: true });
    expect(request).not.toHaveBeenCalled();
  });
});

describe('requestTabAccess in Firefox', () => {
  beforeEach(() => {
    Object.assign(fakeBrowser.runtime, { getBrowserInfo: async () => ({ name: 'Firefox' }) });
  });
  afterEach(() => {
    delete (fakeBrowser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo;
  });

  test('requests the tab site', async () => {
    request.mockResolvedValue(true);

    expect(await requestTabAccess(tab)).toEqual({ granted: true, grantedPattern: TOOL_PATTERN });
    expect(request).toHaveBeenCalledWith({ origins: [TOOL_PATTERN] });
  });

  test('claims no permission granted before', async () => {
    request.mockResolvedValue(true);

    const access = await requestTabAccess({ ...tab, hasPermission: true });
    expect(access).toEqual({ granted: true, grantedPattern: undefined });
  });

  test('refusal grants nothing', async () => {
    request.mockResolvedValue(false);

    expect(await requestTabAccess(tab)).toEqual({ granted: false, grantedPattern: undefined });
  });

  test('failed request grants nothing', async () => {
    request.mockRejectedValue(
      new Error('permissions.request may only be called from a user input handler'),
    );

    expect(await requestTabAccess(tab)).toEqual({ granted: false, grantedPattern: undefined });
  });
});
