import { expect, test } from 'vitest';
import { formatRelative } from './SignedIn';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const HOUR = 3_600_000;

test.each([
  [23.9 * HOUR, 'in 24 hours'],
  [3 * 24 * HOUR, 'in 3 days'],
  [90 * 60_000, 'in 90 minutes'],
  [2 * HOUR, 'in 2 hours'],
])('formatRelative(%i ms)', (remaining, text) => {
  expect(formatRelative(NOW + remaining, NOW)).toBe(text);
});
