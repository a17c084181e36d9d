import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCertificates, LabCertificates } from '../kube/certificates';
import { writePrivateFile } from './privateFile';

/** What a cluster's clients must hold: its CA, serving certificate and bearer token. */
export interface ClusterIdentity {
  certificates: LabCertificates;
  token: string;
}

const FILES = {
  caPem: 'ca.crt',
  certPem: 'tls.crt',
  keyPem: 'tls.key',
  token: 'token',
} as const;

/** A new bearer token (48 hex characters), as random as a service account's. */
export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/**
 * The CA, certificate and token of one cluster, kept in its state folder
 * (`.lab/<cluster>/`) so a restarted lab answers the kubeconfig clients
 * already hold (as a real cluster keeps its CA). Files are private to the user.
 */
export function loadOrCreateIdentity(dir: string): ClusterIdentity {
  const paths = Object.fromEntries(
    Object.entries(FILES).map(([k, f]) => [k, join(dir, f)]),
  ) as Record<keyof typeof FILES, string>;
  if (Object.values(paths).every(p => existsSync(p))) {
    const read = (k: keyof typeof FILES) => readFileSync(paths[k], 'utf8');
    return {
      certificates: {
        caPem: read('caPem'),
        certPem: read('certPem'),
        keyPem: read('keyPem'),
      },
      token: read('token').trim(),
    };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const certificates = generateCertificates();
  const token = newToken();
  for (const [key, value] of Object.entries({ ...certificates, token })) {
    writePrivateFile(paths[key as keyof typeof FILES], String(value));
  }
  return { certificates, token };
}

/** Replaces the token kept in a cluster's state folder; returns the file's path. */
export function saveToken(dir: string, token: string): string {
  const path = join(dir, FILES.token);
  writePrivateFile(path, token);
  return path;
}

/**
 * The key a cluster signs ServiceAccount tokens with, kept in its state
 * folder (`sa.key`) so tokens issued before a restart stay valid.
 */
export function loadOrCreateSigningKey(dir: string): Buffer {
  const path = join(dir, 'sa.key');
  if (existsSync(path))
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writePrivateFile(path, key.toString('hex'));
  return key;
}
