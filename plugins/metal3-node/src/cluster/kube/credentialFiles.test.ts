import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialFiles, fingerprintFiles } from './credentialFiles';

describe('credential files', () => {
  it('are the files the credentials are read from; an inline token has none', () => {
    const base = { name: 'c', title: 'c' };
    expect(
      credentialFiles({
        ...base,
        authProvider: 'kubeconfig',
        kubeconfigFile: '/k',
      }),
    ).toEqual(['/k']);
    expect(
      credentialFiles({
        ...base,
        authProvider: 'serviceAccount',
        url: 'https://x',
        serviceAccountTokenFile: '/t',
        caFile: '/ca',
        skipTLSVerify: false,
      }),
    ).toEqual(['/t', '/ca']);
    expect(
      credentialFiles({
        ...base,
        authProvider: 'serviceAccount',
        url: 'https://x',
        serviceAccountToken: 'inline',
        skipTLSVerify: false,
      }),
    ).toEqual([]);
  });

  it('change their fingerprint when a file is rewritten or disappears, not otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credentials-'));
    const token = join(dir, 'token');
    writeFileSync(token, 'one');
    const first = await fingerprintFiles([token]);
    expect(await fingerprintFiles([token])).toBe(first);
    writeFileSync(token, 'two');
    const second = await fingerprintFiles([token]);
    expect(second).not.toBe(first);
    rmSync(token);
    expect(await fingerprintFiles([token])).not.toBe(second);
    expect(first).not.toContain('one');
  });
});
