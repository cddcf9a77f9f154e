// Stand-in Edge Impulse Studio for tests: one HTTPS server on 127.0.0.1 that responds as
// studio.edgeimpulse.com, docs.edgeimpulse.com and evil.example, chosen by the Host header.

export { startStudio, Studio, type StudioOptions } from './server';
export type { Fault, FaultOptions } from './faults';
export type { RecordedRequest } from './requests';
export { API_KEY_HEADER, JWT_COOKIE, JWT_HEADER } from './requests';
export {
  DOCS_HOST,
  DOCS_ORIGIN,
  ENTERPRISE_HOST,
  ENTERPRISE_ORIGIN,
  TOOL_HOST,
  TOOL_ORIGIN,
  EVIL_HOST,
  EVIL_ORIGIN,
  hostResolverRules,
  SERVED_HOSTS,
  STUDIO_HOST,
  STUDIO_ORIGIN,
} from './hosts';
export { alice, bob, carol, defaultUsers, sso, type StudioUser } from './users';
export { PASSWORD_INCORRECT, TOTP_INVALID, TOTP_REQUIRED, USER_NOT_FOUND } from './login';
export { SSO_CALLBACK_PATH, STUDIO_SIGN_IN_PATH } from './studio-sign-in';
export { MINTLIFY_PROXY_PATH } from './mintlify';
