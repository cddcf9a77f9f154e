import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  htmlResponse,
  installFakeFetch,
  jsonResponse,
  makeJwt,
  ALICE_PROFILE,
} from '../testing/fake-fetch';
import {
  cleanServerMessage,
  CodeRequiredError,
  getProfile,
  login,
  needsPasswordSetup,
  parseRetryAfter,
  StudioError,
} from './studio-api';

const ORIGIN = 'https://studio.edgeimpulse.com';
const CREDENTIALS = { username: 'alice', password: 'correct horse' };
const TOKEN = makeJwt(1_800_000_000);

afterEach(() => {
  vi.unstubAllGlobals();
});

async function failureOfLogin() {
  const error = await login(ORIGIN, CREDENTIALS).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(StudioError);
  return (error as StudioError).failure;
}

describe('login', () => {
  test('posts the credentials as JSON and returns the token', async () => {
    const { calls } = installFakeFetch(jsonResponse({ success: true, token: TOKEN }));

    expect(await login(ORIGIN, CREDENTIALS)).toBe(TOKEN);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.url).toBe(`${ORIGIN}/v1/api-login`);
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(CREDENTIALS);
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
  });

  test('sends no cookies and follows no redirects', async () => {
    const { calls } = installFakeFetch(jsonResponse({ success: true, token: TOKEN }));

    await login(ORIGIN, CREDENTIALS);
    expect(calls[0]?.credentials).toBe('omit');
    expect(calls[0]?.redirect).toBe('error');
  });

  test('sends the authenticator code as totpToken', async () => {
    const { calls } = installFakeFetch(jsonResponse({ success: true, token: TOKEN }));

    await login(ORIGIN, { ...CREDENTIALS, totpToken: '123456' });
    expect(JSON.parse(calls[0]?.body ?? '').totpToken).toBe('123456');
  });

  test('rejected with HTTP 200 carries the server message', async () => {
    installFakeFetch(jsonResponse({ success: false, error: 'Password is incorrect' }));

    expect(await failureOfLogin()).toEqual({
      kind: 'rejected',
      serverMessage: 'Password is incorrect',
    });
  });

  test('MFA prompt raises CodeRequiredError', async () => {
    installFakeFetch(jsonResponse({ success: false, error: 'ERR_TOTP_TOKEN IS REQUIRED' }));

    await expect(login(ORIGIN, CREDENTIALS)).rejects.toBeInstanceOf(CodeRequiredError);
  });

  test('wrong code is codeRejected', async () => {
    installFakeFetch(jsonResponse({ success: false, error: 'ERR_TOTP_TOKEN IS INVALID' }));

    const error = await login(ORIGIN, { ...CREDENTIALS, totpToken: '000000' }).catch((e) => e);
    expect((error as StudioError).failure).toEqual({
      kind: 'codeRejected',
      serverMessage: 'ERR_TOTP_TOKEN IS INVALID',
    });
  });

  test.each([401, 403, 404])(
    'HTTP %i with a JSON error keeps status and message',
    async (status) => {
      installFakeFetch(jsonResponse({ success: false, error: 'Not allowed' }, status));

      expect(await failureOfLogin()).toEqual({
        kind: 'http',
        status,
        serverMessage: 'Not allowed',
      });
    },
  );

  test('HTTP 502 with an HTML body keeps only the status', async () => {
    installFakeFetch(htmlResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', 502));

    expect(await failureOfLogin()).toEqual({ kind: 'http', status: 502 });
  });

  test('HTTP 200 with a body that is not JSON is invalidResponse', async () => {
    installFakeFetch(htmlResponse('<!doctype html><p>Maintenance</p>', 200));

    expect(await failureOfLogin()).toEqual({ kind: 'invalidResponse', status: 200 });
  });

  test('JSON that is not an object is invalidResponse', async () => {
    installFakeFetch(jsonResponse(['success']));

    expect(await failureOfLogin()).toEqual({ kind: 'invalidResponse', status: 200 });
  });

  test('success without a token is missingToken', async () => {
    installFakeFetch(jsonResponse({ success: true }));

    expect(await failureOfLogin()).toEqual({ kind: 'missingToken' });
  });

  test('a token that is not a JWT is invalidToken', async () => {
    installFakeFetch(jsonResponse({ success: true, token: 'not a jwt' }));

    expect(await failureOfLogin()).toEqual({ kind: 'invalidToken' });
  });

  test('a failed connection is network', async () => {
    installFakeFetch(new TypeError('Failed to fetch'));

    expect(await failureOfLogin()).toEqual({ kind: 'network', host: 'studio.edgeimpulse.com' });
  });

  test('an aborted request after the timeout is timeout', async () => {
    installFakeFetch(new DOMException('The operation timed out.', 'TimeoutError'));

    expect(await failureOfLogin()).toEqual({
      kind: 'timeout',
      host: 'studio.edgeimpulse.com',
      seconds: 10,
    });
  });
});

describe('rate limits', () => {
  test('HTTP 429 with Retry-After seconds is rateLimited', async () => {
    const response = jsonResponse({ success: false, error: 'Slow down' }, 429);
    response.headers.set('retry-after', '30');
    installFakeFetch(response);

    expect(await failureOfLogin()).toEqual({ kind: 'rateLimited', retryAfterSeconds: 30 });
  });

  test('HTTP 429 with an HTML body and no Retry-After is rateLimited', async () => {
    installFakeFetch(htmlResponse('<h1>Too many requests</h1>', 429));

    expect(await failureOfLogin()).toEqual({ kind: 'rateLimited' });
  });

  test('a login is not retried after a network error', async () => {
    const { calls } = installFakeFetch(new TypeError('Failed to fetch'), jsonResponse({}));

    await failureOfLogin();
    expect(calls).toHaveLength(1);
  });

  test('a GET is retried once after a network error', async () => {
    const { calls } = installFakeFetch(
      new TypeError('Failed to fetch'),
      jsonResponse(ALICE_PROFILE),
    );

    expect((await getProfile(ORIGIN, TOKEN)).username).toBe('alice');
    expect(calls).toHaveLength(2);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');

  test.each<[string | null, number | undefined]>([
    ['120', 120],
    [' 5 ', 5],
    ['0', 0],
    ['Fri, 04 Dec 2026 12:01:30 GMT', 90],
    ['Fri, 04 Dec 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('parses %s', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });
});

describe('needsPasswordSetup', () => {
  test('asks about the encoded username', async () => {
    const { calls } = installFakeFetch(jsonResponse({ success: true, needPassword: true }));

    expect(await needsPasswordSetup(ORIGIN, 'sam@example.com')).toBe(true);
    expect(calls[0]?.url).toBe(`${ORIGIN}/v1/api-user-need-to-set-password/sam%40example.com`);
  });

  test('is false for an account with a password', async () => {
    installFakeFetch(jsonResponse({ success: true, needPassword: false }));

    expect(await needsPasswordSetup(ORIGIN, 'alice')).toBe(false);
  });
});

describe('getProfile', () => {
  test('sends the token in x-jwt-token and returns the profile', async () => {
    const { calls } = installFakeFetch(jsonResponse(ALICE_PROFILE));

    const profile = await getProfile(ORIGIN, TOKEN);
    expect(calls[0]?.url).toBe(`${ORIGIN}/v1/api/user?excludeProjects=true`);
    expect(calls[0]?.headers.get('x-jwt-token')).toBe(TOKEN);
    expect(calls[0]?.credentials).toBe('omit');
    expect(profile).toEqual({
      id: 7,
      username: 'alice',
      name: 'Alice Example',
      email: 'alice@example.com',
      photo: 'https://cdn.example/alice.png',
    });
  });

  test('drops a photo URL that is not https', async () => {
    installFakeFetch(jsonResponse({ ...ALICE_PROFILE, photo: 'javascript:alert(1)' }));

    expect((await getProfile(ORIGIN, TOKEN)).photo).toBeUndefined();
  });

  test('HTTP 401 is an http failure', async () => {
    installFakeFetch(jsonResponse({ success: false, error: 'Invalid token' }, 401));

    const error = await getProfile(ORIGIN, TOKEN).catch((e: unknown) => e);
    expect((error as StudioError).failure).toEqual({
      kind: 'http',
      status: 401,
      serverMessage: 'Invalid token',
    });
  });

  test('a profile without id and username is invalidResponse', async () => {
    installFakeFetch(jsonResponse({ success: true, name: 'Alice' }));

    const error = await getProfile(ORIGIN, TOKEN).catch((e: unknown) => e);
    expect((error as StudioError).failure).toEqual({ kind: 'invalidResponse', status: 200 });
  });
});

describe('cleanServerMessage', () => {
  test('keeps plain text', () => {
    expect(cleanServerMessage('User not found')).toBe('User not found');
  });

  test('removes markup and control characters', () => {
    expect(cleanServerMessage('<b>Bad</b>\u0000\u202e request\n')).toBe('Bad request');
  });

  test('cleans only the start of a huge text', () => {
    // Before the text was cut first, a megabyte of "<" took the markup pattern about 30 s.
    expect(cleanServerMessage(`${'<'.repeat(1_000_000)}>`)).toBe('<'.repeat(199) + '…');
  });

  test('shortens text over 200 characters', () => {
    const text = cleanServerMessage('x'.repeat(500));
    expect(text).toHaveLength(200);
    expect(text.endsWith('…')).toBe(true);
  });

  test.each([undefined, 42, { error: 'nested' }])('returns empty text for %s', (value) => {
    expect(cleanServerMessage(value)).toBe('');
  });
});
