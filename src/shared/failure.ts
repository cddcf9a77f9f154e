/**
 * Failure reasons of sign-in steps, in a form that crosses the message boundary, and the one
 * place that turns them into sentences for the user.
 */
import { t } from './i18n';

export type Failure =
  /** Studio returned `success: false`, often with HTTP 200, and an `error` text. */
  | { kind: 'rejected'; serverMessage: string }
  /** Studio rejected the authenticator code. */
  | { kind: 'codeRejected'; serverMessage: string }
  | { kind: 'http'; status: number; serverMessage?: string }
  /** HTTP 429, with Retry-After in seconds when Studio sent it. */
  | { kind: 'rateLimited'; retryAfterSeconds?: number }
  /** The account has no password because it signs in with single sign-on. */
  | { kind: 'ssoOnly' }
  | { kind: 'invalidResponse'; status: number }
  | { kind: 'missingToken' }
  /** The token in Studio's response is not a compact JWT. */
  | { kind: 'invalidToken' }
  | { kind: 'network'; host: string }
  | { kind: 'timeout'; host: string; seconds: number }
  | { kind: 'interrupted' }
  /** The code came after the pending login's 5 minutes. */
  | { kind: 'codeExpired' }
  /** The browser gives the extension no access to the Studio host. */
  | { kind: 'accessMissing'; host: string }
  | { kind: 'expired' };

/** Returns the sentence that names what failed and what the user can do next. */
export function describeFailure(failure: Failure): string {
  switch (failure.kind) {
    case 'rejected':
      return t('errorRejected', failure.serverMessage);
    case 'codeRejected':
      // Texts such as "ERR_TOTP_TOKEN IS INVALID" are codes for programs, not sentences.
      return failure.serverMessage.startsWith('ERR_')
        ? t('errorCodeRejectedGeneric')
        : t('errorCodeRejected', failure.serverMessage);
    case 'codeExpired':
      return t('errorCodeExpired');
    case 'accessMissing':
      return t('errorAccessMissing', failure.host);
    case 'http':
      return describeHttpFailure(failure.status, failure.serverMessage);
    case 'rateLimited':
      return describeRateLimit(failure.retryAfterSeconds);
    case 'ssoOnly':
      return t('errorSsoOnly');
    case 'invalidResponse':
      return t('errorInvalidResponse', String(failure.status));
    case 'missingToken':
      return t('errorMissingToken');
    case 'invalidToken':
      return t('errorInvalidToken');
    case 'network':
      return t('errorNetwork', failure.host);
    case 'timeout':
      return t('errorTimeout', [failure.host, String(failure.seconds)]);
    case 'interrupted':
      return t('errorInterrupted');
    case 'expired':
      return t('errorExpired');
  }
}

function describeHttpFailure(status: number, serverMessage: string | undefined): string {
  if (status >= 500) return t('errorServer', String(status));
  if (serverMessage) return t('errorHttpWithMessage', [String(status), serverMessage]);
  return t('errorHttp', String(status));
}

function describeRateLimit(seconds: number | undefined): string {
  if (seconds === undefined) return t('errorRateLimited');
  if (seconds < 120) return t('errorRateLimitedSeconds', String(Math.max(seconds, 1)));
  return t('errorRateLimitedMinutes', String(Math.ceil(seconds / 60)));
}
