import { expect, test } from 'vitest';
import { describeFailure, type Failure } from './failure';

const cases: [Failure, string][] = [
  [
    { kind: 'rejected', serverMessage: 'Password is incorrect' },
    'Studio rejected the sign-in: Password is incorrect. Check your username and password, then try again.',
  ],
  [
    { kind: 'codeRejected', serverMessage: 'ERR_TOTP_TOKEN IS INVALID' },
    'Studio did not accept that code. Enter the current code from your authenticator app.',
  ],
  [
    { kind: 'codeRejected', serverMessage: 'Code already used' },
    'Studio rejected the code: Code already used. Enter the current code from your authenticator app.',
  ],
  [
    { kind: 'http', status: 403, serverMessage: 'Forbidden' },
    'Studio rejected the request (HTTP 403): Forbidden. Check your details and try again.',
  ],
  [
    { kind: 'http', status: 404 },
    'Studio rejected the request (HTTP 404). Check your details and try again.',
  ],
  [
    { kind: 'http', status: 502, serverMessage: 'upstream' },
    'Studio could not complete the request (HTTP 502). Try again in a few minutes.',
  ],
  [
    { kind: 'invalidResponse', status: 200 },
    'Studio sent a response the extension cannot read (HTTP 200). Try again in a few minutes.',
  ],
  [
    { kind: 'missingToken' },
    'Studio accepted the sign-in but sent no token. Try again in a few minutes.',
  ],
  [
    { kind: 'network', host: 'studio.edgeimpulse.com' },
    'Could not reach studio.edgeimpulse.com. Check your internet connection and try again.',
  ],
  [
    { kind: 'timeout', host: 'studio.edgeimpulse.com', seconds: 10 },
    'studio.edgeimpulse.com did not respond within 10 seconds. Try again.',
  ],
  [{ kind: 'interrupted' }, 'Sign-in was interrupted. Try again.'],
  [{ kind: 'expired' }, 'Your session expired. Sign in again.'],
];

test.each(cases)('describeFailure(%o)', (failure, sentence) => {
  expect(describeFailure(failure)).toBe(sentence);
});

test('every failure kind has a sentence', () => {
  const kinds: Failure['kind'][] = [
    'rejected',
    'codeRejected',
    'http',
    'invalidResponse',
    'missingToken',
    'invalidToken',
    'rateLimited',
    'ssoOnly',
    'codeExpired',
    'network',
    'timeout',
    'interrupted',
    'expired',
  ];
  for (const kind of kinds) {
    const sentence = describeFailure({
      kind,
      status: 400,
      serverMessage: 'x',
      host: 'h',
      seconds: 1,
    } as Failure);
    expect(sentence, kind).toMatch(/^\S.*\.$/);
  }
});
