// Checks the stand-in's test controls (faults, delays, pause, request records) and its
// docs and evil.example pages. Edge Impulse's client shows how a fault reaches API callers.
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import { EdgeImpulseApi } from 'edge-impulse-api';
import { expect, test } from 'vitest';
import { DOCS_HOST, EVIL_HOST, EVIL_ORIGIN, SERVED_HOSTS, startStudio, STUDIO_HOST } from './index';
import { useStandInStudio } from './use-studio';
import { type RawResponse, type RawRequest, rawRequest } from './raw-request';

const env = useStandInStudio();

function raw(options: RawRequest): Promise<RawResponse> {
  return rawRequest(env.studio.port, options);
}

function login(): Promise<unknown> {
  const api = new EdgeImpulseApi({ endpoint: `https://127.0.0.1:${env.studio.port}` });
  return api.login.login({ username: 'alice', password: 'correct horse' });
}

function peerCertificate(port: number): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, servername: STUDIO_HOST };
    const socket = connect({ ...options, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.on('error', reject);
  });
}

test('hostRules maps served hosts to port', () => {
  const port = env.studio.port;

  expect(port).toBeGreaterThan(0);
  expect(env.studio.hostRules).toBe(
    `MAP studio.edgeimpulse.com 127.0.0.1:${port}, MAP docs.edgeimpulse.com 127.0.0.1:${port}, ` +
      `MAP evil.example 127.0.0.1:${port}, MAP studio.acme.example 127.0.0.1:${port}, ` +
      `MAP tool.example 127.0.0.1:${port}, MAP * ~NOTFOUND`,
  );
});

test('certificate names every served host', async () => {
  const certificate = await peerCertificate(env.studio.port);

  for (const host of SERVED_HOSTS) {
    expect(checkServerIdentity(host, certificate), host).toBeUndefined();
  }
});

test('HTML 502 fault reaches the client once', async () => {
  const body = '<html><body><h1>502 Bad Gateway</h1></body></html>';
  env.studio.setFault(
    '/v1/api-login',
    { status: 502, body, contentType: 'text/html' },
    { times: 1 },
  );

  await expect(login()).rejects.toThrow(/returned 502: <html>/);
  await expect(login()).resolves.toMatchObject({ success: true });
  expect(env.studio.requestsTo('127.0.0.1', '/v1/api-login')).toHaveLength(2);
});

test('JSON fault replaces the response', async () => {
  env.studio.setFault('/v1/api-login', { status: 503, json: { success: false, error: 'Down' } });

  await expect(login()).rejects.toThrow('Down');
  await expect(login()).rejects.toThrow('Down');
  env.studio.clearFaults();
  await expect(login()).resolves.toMatchObject({ success: true });
});

test('prefix fault matches paths below it', async () => {
  env.studio.setFault('/v1/api/*', { status: 500 });

  const below = await raw({ path: '/v1/api/projects?limit=1' });
  const outside = await raw({ path: '/v1/api-user-need-to-set-password/alice' });

  expect(below.status).toBe(500);
  expect(outside.status).toBe(200);
});

test('headers-only fault keeps the normal response', async () => {
  env.studio.setFault('/', { headers: { 'x-stand-in': 'yes' } });

  const response = await raw({ path: '/' });

  expect(response.status).toBe(200);
  expect(response.headers['x-stand-in']).toBe('yes');
  expect(response.body).toContain('<h1>Stand-in Studio</h1>');
});

test('fault with invalid times is rejected', () => {
  expect(() => env.studio.setFault('/', { status: 500 }, { times: 0 })).toThrow(RangeError);
});

test('reset fault drops the connection', async () => {
  env.studio.setFault('/v1/api/user', { reset: true });

  await expect(raw({ path: '/v1/api/user' })).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect(env.studio.requestsTo(STUDIO_HOST, '/v1/api/user')).toHaveLength(1);
});

test('delay fault responds after the delay', async () => {
  env.studio.setFault('/v1/api/user', { delayMs: 300 });
  const started = Date.now();

  const response = await raw({ path: '/v1/api/user' });

  expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  expect(response.status).toBe(401);
});

test('server-wide delay applies to every response', async () => {
  const slow = await startStudio({ delayMs: 200 });
  try {
    const started = Date.now();
    const response = await rawRequest(slow.port, { host: DOCS_HOST, path: '/' });

    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(response.status).toBe(200);
  } finally {
    await slow.close();
  }
});

test('pause refuses connections until resume', async () => {
  const token = env.studio.issueToken('alice');
  const port = env.studio.port;

  await env.studio.pause();
  await expect(raw({ path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });

  await env.studio.resume();
  expect(env.studio.port).toBe(port);
  const response = await raw({ path: '/v1/api/user', headers: { 'x-jwt-token': token } });
  expect(response.status).toBe(200);
});

test('hang fault holds response until pause', async () => {
  env.studio.setFault('/v1/api/user', { hang: true });
  let settled = false;
  const hanging = raw({ path: '/v1/api/user' }).finally(() => {
    settled = true;
  });
  await expect.poll(() => env.studio.requestsTo(STUDIO_HOST, '/v1/api/user').length).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(settled).toBe(false);

  await env.studio.pause();
  await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
  await env.studio.resume();
});

test('preflight from evil.example allows credentials', async () => {
  env.studio.setFault('/v1/api/user', { status: 500 });
  const headers = {
    origin: EVIL_ORIGIN,
    'access-control-request-method': 'GET',
    'access-control-request-headers': 'x-jwt-token',
  };

  const response = await raw({ method: 'OPTIONS', path: '/v1/api/user', headers });

  expect(response.status).toBe(204);
  expect(response.headers['access-control-allow-origin']).toBe(EVIL_ORIGIN);
  expect(response.headers['access-control-allow-credentials']).toBe('true');
  expect(response.headers['access-control-allow-headers']).toContain('x-jwt-token');
  expect(env.studio.requestsTo(STUDIO_HOST, '/v1/api/user')[0]?.method).toBe('OPTIONS');
});

test('preflight from other origin gets no CORS', async () => {
  const headers = { origin: 'https://other.example', 'access-control-request-method': 'GET' };

  const response = await raw({ method: 'OPTIONS', path: '/v1/api/user', headers });

  expect(response.headers['access-control-allow-origin']).toBeUndefined();
});

test('Studio response to docs origin has CORS', async () => {
  const headers = { origin: `https://${DOCS_HOST}` };
  const response = await raw({ path: '/v1/api/user', headers });

  expect(response.status).toBe(401);
  expect(response.headers['access-control-allow-origin']).toBe(`https://${DOCS_HOST}`);
});

test('record keeps headers, cookies and query', async () => {
  const headers = { cookie: 'jwt=abc%20def; other=1', 'x-api-key': 'ei_wrong' };

  await raw({ host: `${STUDIO_HOST}:8443`, path: '/v1/api/user?excludeProjects=true', headers });

  const [request] = env.studio.requests;
  expect(request?.host).toBe(STUDIO_HOST);
  expect(request?.path).toBe('/v1/api/user?excludeProjects=true');
  expect(request?.headers['x-api-key']).toBe('ei_wrong');
  expect(request?.cookies).toEqual({ jwt: 'abc def', other: '1' });
  expect(env.studio.requests.map((recorded) => env.studio.tokenOf(recorded))).toEqual(['abc def']);
  expect(request?.at).toBeLessThanOrEqual(Date.now());
});

test('Studio page shows cookie sign-in', async () => {
  const token = env.studio.issueToken('alice');

  const anonymous = await raw({ path: '/projects/1' });
  const signedIn = await raw({ path: '/', headers: { cookie: `jwt=${token}` } });
  const byHeader = await raw({ path: '/', headers: { 'x-jwt-token': token } });

  expect(anonymous.body).toContain('<title>Studio</title>');
  expect(anonymous.body).toContain('Not signed in');
  expect(signedIn.body).toContain('Signed in as alice');
  expect(byHeader.body).toContain('Not signed in');
});

test('unknown Studio API path gets 404 JSON', async () => {
  const response = await raw({ path: '/v1/nothing-here' });

  expect(response.status).toBe(404);
  expect(JSON.parse(response.body).success).toBe(false);
});

test('GET on login endpoint gets 405', async () => {
  const response = await raw({ path: '/v1/api-login' });

  expect(response.status).toBe(405);
  expect(response.headers.allow).toBe('POST');
});

test('docs page names its host', async () => {
  const response = await raw({ host: DOCS_HOST, path: '/reference/anything' });

  expect(response.status).toBe(200);
  expect(response.body).toContain(`<h1>${DOCS_HOST}</h1>`);
});

test('evil.example serves form and frame', async () => {
  const form = await raw({ host: EVIL_HOST, path: '/form' });
  const frame = await raw({ host: EVIL_HOST, path: '/frame' });
  const home = await raw({ host: EVIL_HOST, path: '/' });

  expect(form.body).toContain(
    '<form method="POST" action="https://studio.edgeimpulse.com/v1/api/projects">',
  );
  expect(form.body).toContain('<button');
  expect(frame.body).toContain('<iframe title="Studio" src="https://studio.edgeimpulse.com/">');
  expect(home.body).toContain(`<h1>${EVIL_HOST}</h1>`);
});

test('unknown host gets 421', async () => {
  const response = await raw({ host: 'other.example', path: '/' });

  expect(response.status).toBe(421);
  expect(env.studio.requests[0]?.host).toBe('other.example');
});

test('avatar is served for the photo URL', async () => {
  const response = await raw({ path: '/avatars/alice.svg' });
  const missing = await raw({ path: '/avatars/nobody.svg' });

  expect(response.headers['content-type']).toBe('image/svg+xml');
  expect(response.body).toContain('<svg');
  expect(missing.status).toBe(404);
});
