import { describe, expect, test } from 'vitest';
import { originPattern, parseStudioAddress } from './studio-address';

describe('parseStudioAddress', () => {
  test.each([
    ['studio.edgeimpulse.com', 'https://studio.edgeimpulse.com'],
    ['studio.acme.example', 'https://studio.acme.example'],
    ['STUDIO.Acme.Example', 'https://studio.acme.example'],
    ['https://studio.acme.example', 'https://studio.acme.example'],
    ['https://studio.acme.example/', 'https://studio.acme.example'],
    ['  https://studio.acme.example  ', 'https://studio.acme.example'],
    ['https://studio.acme.example:443', 'https://studio.acme.example'],
    ['https://studio.acme.example:8443', 'https://studio.acme.example:8443'],
    ['http://localhost:4800', 'http://localhost:4800'],
    ['localhost:4800', 'http://localhost:4800'],
    ['http://127.0.0.1:4800', 'http://127.0.0.1:4800'],
    ['127.0.0.1:4800', 'http://127.0.0.1:4800'],
    ['https://localhost:4800', 'https://localhost:4800'],
    ['https://10.1.2.3', 'https://10.1.2.3'],
  ])('accepts %s', (input, origin) => {
    expect(parseStudioAddress(input)).toEqual({ origin });
  });

  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['studio acme.example', 'spaces'],
    ['https://user:secret@studio.acme.example', 'credentials'],
    ['https://studio.acme.example/v1', 'path'],
    ['https://studio.acme.example/?x=1', 'path'],
    ['https://studio.acme.example/#top', 'path'],
    ['http://studio.acme.example', 'insecure'],
    ['http://10.1.2.3:4800', 'insecure'],
    ['http://192.168.1.5', 'insecure'],
    ['ftp://studio.acme.example', 'scheme'],
    ['https://*.example', 'host'],
    ['*.acme.example', 'host'],
    ['https://example', 'host'],
    ['javascript://alert(1)', 'scheme'],
    ['https://', 'invalid'],
  ])('rejects %j as %s', (input, problem) => {
    expect(parseStudioAddress(input)).toEqual({ problem });
  });
});

describe('originPattern', () => {
  test('drops the port', () => {
    expect(originPattern('http://localhost:4800')).toBe('http://localhost/*');
  });

  test('keeps the scheme', () => {
    expect(originPattern('https://studio.acme.example')).toBe('https://studio.acme.example/*');
  });
});
