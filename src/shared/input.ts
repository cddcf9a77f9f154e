/** Checks on what the user types, shared by the popup (to explain) and the background (to enforce). */

/** Maximum length of a username, password or code; anything longer is a mistake or an attack. */
export const MAX_INPUT_LENGTH = 1000;

export type InputProblem = 'empty' | 'tooLong' | 'controlCharacters';

/** Returns what is wrong with a typed value, or undefined when it may be sent. */
export function findInputProblem(value: string): InputProblem | undefined {
  if (value.trim() === '') return 'empty';
  if (value.length > MAX_INPUT_LENGTH) return 'tooLong';
  if (/\p{Cc}/u.test(value)) return 'controlCharacters';
  return undefined;
}

/** Removes the spaces people type or paste into authenticator codes, as in "123 456". */
export function normalizeCode(value: string): string {
  return value.replace(/\s/g, '');
}

/** Tells whether a code looks like a TOTP code: 6 to 8 digits. */
export function isValidCode(code: string): boolean {
  return /^\d{6,8}$/.test(code);
}
