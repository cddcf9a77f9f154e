// Drives the stand-in Studio with Edge Impulse's own API client, so that the stand-in keeps
// to the shapes of the real API. Raw requests check what the client hides, such as status codes.
import { EdgeImpulseApi } from 'edge-impulse-api';
import { expect, test } from 'vitest';
import {
  alice,
  carol,
  PASSWORD_INCORRECT,
  sso,
  startStudio,
  TOTP_INVALID,
  USER_NOT_FOUND,
} from './index';
import { useStandInStudio } from './use-studio';
import { type RawResponse, type RawRequest, rawRequest } from './raw-request';

const env = useStandInStudio();

function client(): EdgeImpulseApi {
  return new EdgeImpulseApi({ endpoint: `https://127.0.0.1:${env.studio.port}` });
}

async function signedInClient(token: string): Promise<EdgeImpulseApi> {
  const api = client();
  await api.authenticate({ method: 'jwtToken', jwtToken: token });
  return api;
}

function raw(options: RawRequest): Promise<RawResponse> {
  return rawRequest(env.studio.port, options);
}

test('login with correct password returns a token', async () => {
  const credentials = { username: alice.username, password: 'correct horse' };
  const response = await client().login.login(credentials);

  expect(response.success).toBe(true);
  expect(response.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const [login] = env.studio.requestsTo('127.0.0.1', '/v1/api-login');
  expect(login?.method).toBe('POST');
  expect(JSON.parse(login?.body ?? '')).toEqual({ username: 'alice', password: 'correct horse' });
});

test('login accepts the e-mail address', async () => {
  const credentials = { username: alice.email, password: 'correct horse' };
  const response = await client().login.login(credentials);

  expect(response.token).toBeTypeOf('string');
});

test('login token carries the user and expiry claims', async () => {
  const response = await client().login.login({ username: 'bob', password: 'battery staple' });
  const payload = (response.token ?? '').split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));

  expect(claims.username).toBe('bob');
  expect(claims.exp - claims.iat).toBe(24 * 60 * 60);
});

test('login with wrong password fails with HTTP 200', async () => {
  const login = client().login.login({ username: 'alice', password: 'wrong' });
  await expect(login).rejects.toThrow(PASSWORD_INCORRECT);

  const response = await raw({
    method: 'POST',
    path: '/v1/api-login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice', password: 'wrong' }),
  });
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body)).toEqual({ success: false, error: PASSWORD_INCORRECT });
});

test('login with unknown user fails', async () => {
  const login = client().login.login({ username: 'nobody', password: 'x' });

  await expect(login).rejects.toThrow(USER_NOT_FOUND);
});

test('login of SSO-only user fails for any password', async () => {
  const login = client().login.login({ username: sso.username, password: '' });

  await expect(login).rejects.toThrow(PASSWORD_INCORRECT);
});

test('login with invalid body gets 400', async () => {
  for (const body of ['not json', '{"username":"alice"}', '[]']) {
    const response = await raw({ method: 'POST', path: '/v1/api-login', body });
    expect(response.status, body).toBe(400);
    expect(JSON.parse(response.body).success, body).toBe(false);
  }
});

test('login of MFA user requires the code', async () => {
  const api = client();
  const credentials = { username: carol.username, password: 'carol pass' };

  await expect(api.login.login(credentials)).rejects.toThrow(/^ERR_TOTP_TOKEN IS REQUIRED/);
  await expect(api.login.login({ ...credentials, totpToken: '000000' })).rejects.toThrow(
    TOTP_INVALID,
  );
  const response = await api.login.login({ ...credentials, totpToken: '123456' });
  expect(response.token).toBeTypeOf('string');
});

test('need-to-set-password lists SSO user', async () => {
  const api = client();

  const ssoResult = await api.user.getUserNeedToSetPassword(sso.email);
  expect(ssoResult.needPassword).toBe(true);
  expect(ssoResult.email).toBe(sso.email);
  expect(ssoResult.idps).toEqual(['google']);
  expect(ssoResult.whitelabels).toEqual([]);

  const aliceResult = await api.user.getUserNeedToSetPassword(alice.username);
  expect(aliceResult.needPassword).toBe(false);
});

test('current user with header token', async () => {
  const { token } = await client().login.login({ username: 'alice', password: 'correct horse' });
  const api = await signedInClient(token ?? '');

  const user = await api.user.getCurrentUser({ excludeProjects: true });

  expect(user.username).toBe('alice');
  expect(user.email).toBe('alice@example.com');
  expect(user.name).toBe('Alice Example');
  expect(user.mfaConfigured).toBe(false);
  expect(user.passwordConfigured).toBe(true);
  expect(user.created).toBeInstanceOf(Date);
  const requests = env.studio.requestsTo('127.0.0.1', '/v1/api/user');
  expect(requests.map((request) => request.path)).toEqual(['/v1/api/user?excludeProjects=true']);
  expect(requests.map((request) => env.studio.tokenOf(request))).toEqual([token]);
});

test('current user with jwt cookie or API key', async () => {
  const token = env.studio.issueToken('carol');
  const byCookie = await raw({ path: '/v1/api/user', headers: { cookie: `jwt=${token}` } });
  expect(byCookie.status).toBe(200);
  expect(JSON.parse(byCookie.body).mfaConfigured).toBe(true);

  const api = client();
  await api.authenticate({ method: 'apiKey', apiKey: alice.apiKey ?? '' });
  const user = await api.user.getCurrentUser();
  expect(user.username).toBe('alice');
});

test('current user without credentials gets 401', async () => {
  const response = await raw({ path: '/v1/api/user' });

  expect(response.status).toBe(401);
  expect(JSON.parse(response.body).success).toBe(false);
});

test('revoked token gets 401', async () => {
  const token = env.studio.issueToken('alice');
  const api = await signedInClient(token);
  await expect(api.user.getCurrentUser()).resolves.toMatchObject({ username: 'alice' });

  env.studio.revoke(token);

  await expect(api.user.getCurrentUser()).rejects.toThrow(/revoked/);
  const response = await raw({ path: '/v1/api/user', headers: { 'x-jwt-token': token } });
  expect(response.status).toBe(401);
});

test('expired token gets 401', async () => {
  const token = env.studio.issueToken('alice', { expiresInSeconds: -1 });

  const response = await raw({ path: '/v1/api/projects', headers: { 'x-jwt-token': token } });

  expect(response.status).toBe(401);
  expect(JSON.parse(response.body).error).toMatch(/expired/);
});

test('other API path checks authentication', async () => {
  const token = env.studio.issueToken('bob');

  const headers = { 'x-jwt-token': token };
  const signedIn = await raw({ method: 'POST', path: '/v1/api/projects', headers });
  const anonymous = await raw({ method: 'POST', path: '/v1/api/projects' });

  expect(signedIn.status).toBe(200);
  expect(JSON.parse(signedIn.body)).toEqual({ success: true });
  expect(anonymous.status).toBe(401);
});

test('stale header token is not rescued by cookie', async () => {
  const stale = env.studio.issueToken('alice');
  env.studio.revoke(stale);
  const fresh = env.studio.issueToken('alice');

  const response = await raw({
    path: '/v1/api/user',
    headers: { 'x-jwt-token': stale, cookie: `jwt=${fresh}` },
  });

  expect(response.status).toBe(401);
});

test('users option replaces the named users', async () => {
  const dave = { id: 201, username: 'dave', email: 'dave@example.com', name: 'Dave' };
  const custom = await startStudio({ users: [{ ...dave, password: 'pw' }] });
  try {
    const api = new EdgeImpulseApi({ endpoint: `https://127.0.0.1:${custom.port}` });

    const daveLogin = api.login.login({ username: 'dave', password: 'pw' });
    const aliceLogin = api.login.login({ username: 'alice', password: 'correct horse' });

    await expect(daveLogin).resolves.toMatchObject({ success: true });
    await expect(aliceLogin).rejects.toThrow(USER_NOT_FOUND);
    expect(custom.users.map((user) => user.username)).toEqual(['dave']);
  } finally {
    await custom.close();
  }
});

test('need-to-set-password for unknown user fails', async () => {
  const path = '/v1/api-user-need-to-set-password/nobody%40example.com';
  const response = await raw({ path });

  expect(JSON.parse(response.body)).toEqual({ success: false, error: USER_NOT_FOUND });
});
