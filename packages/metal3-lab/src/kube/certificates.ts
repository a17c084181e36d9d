import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A CA and a server certificate it signed, PEM-encoded. @public */
export interface LabCertificates {
  caPem: string;
  certPem: string;
  keyPem: string;
}

/**
 * Generates a fresh lab CA and a certificate for the loopback addresses,
 * with the `openssl` command (Node has no X.509 generation of its own). Keys
 * never leave this process and the temporary folder is removed at once.
 *
 * @public
 */
export function generateCertificates(
  hosts: string[] = ['127.0.0.1', 'localhost'],
): LabCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'metal3-lab-tls-'));
  const run = (args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    run([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '3650',
      '-subj',
      '/CN=metal3-lab-ca',
    ]);
    run([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=metal3-lab',
    ]);
    const san = hosts
      .map(h =>
        /^[\d.]+$/.test(h) || h.includes(':') ? `IP:${h}` : `DNS:${h}`,
      )
      .join(',');
    writeFileSync(
      join(dir, 'ext.cnf'),
      `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`,
    );
    run([
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '3650',
      '-extfile',
      'ext.cnf',
    ]);
    return {
      caPem: readFileSync(join(dir, 'ca.crt'), 'utf8'),
      certPem: readFileSync(join(dir, 'server.crt'), 'utf8'),
      keyPem: readFileSync(join(dir, 'server.key'), 'utf8'),
    };
  } catch (error) {
    throw new Error(
      `The lab needs the openssl command to create its certificates (apt-get install openssl): ${
        (error as Error).message
      }`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
