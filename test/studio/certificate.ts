import { generate } from 'selfsigned';
import { SERVED_HOSTS, STUDIO_HOST } from './hosts';

export interface Certificate {
  /** Private key, PEM. */
  key: string;
  /** Certificate, PEM. */
  cert: string;
}

/**
 * Makes a self-signed certificate for the served hosts and 127.0.0.1, valid from yesterday for
 * a week. No client trusts it, so Chromium needs `--ignore-certificate-errors` and Node
 * clients must skip verification.
 */
export async function makeCertificate(): Promise<Certificate> {
  const day = 24 * 60 * 60 * 1000;
  const now = Date.now();
  const dnsNames = SERVED_HOSTS.map((host) => ({ type: 2 as const, value: host }));
  const pems = await generate([{ name: 'commonName', value: STUDIO_HOST }], {
    // EC keys are generated several times faster than RSA keys, and every test file starts
    // its own stand-in.
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - day),
    notAfterDate: new Date(now + 7 * day),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...dnsNames, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
