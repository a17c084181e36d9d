import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunningProcess, startProcess } from './processes';

/**
 * The only config the test adds to app-config.yaml + app-config.production.yaml:
 * addresses. Where the backend listens (a free port on loopback instead of
 * :7007) and where BMCs live (the lab's emulated BMCs, on loopback).
 */
export function writeSiteConfig(dir: string, port: number): string {
  const file = join(dir, 'app-config.site.yaml');
  writeFileSync(
    file,
    [
      '# The production test site: addresses only.',
      'backend:',
      '  listen:',
      '    host: 127.0.0.1',
      `    port: ${port}`,
      'metal3:',
      '  # The lab plays the management cluster in its own process; its BMCs',
      '  # listen on loopback (test traffic stays on this machine). Without',
      '  # this key the production backend refuses loopback BMC networks.',
      '  lab:',
      '    external: true',
      '  bmc:',
      '    allowedNetworks: [127.100.0.0/16]',
      '    allow: [loopback]',
      '',
    ].join('\n'),
  );
  return file;
}

export interface Portal {
  process: RunningProcess;
  baseUrl: string;
}

/**
 * Starts the production bundle of `dir` as the image does
 * (`node packages/backend --config ...`) with NODE_ENV=production and the
 * environment app-config.production.yaml reads, and resolves once
 * /api/metal3/health answers and every plugin has started (the readiness
 * endpoint the Deployment probes): metal3 answers before the catalog and the
 * scaffolder have started, whose 404s in between are no answer.
 */
export async function startPortal(options: {
  dir: string;
  port: number;
  siteConfig: string;
  env: Record<string, string>;
}): Promise<Portal> {
  const baseUrl = `http://localhost:${options.port}`;
  const { process, ready } = startProcess(
    'backend',
    global.process.execPath,
    [
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
      '--config',
      options.siteConfig,
    ],
    {
      cwd: options.dir,
      env: {
        // Only what a container would have: PATH (ipmitool, ...) and HOME.
        PATH: global.process.env.PATH ?? '',
        HOME: global.process.env.HOME ?? '',
        NODE_ENV: 'production',
        PORTAL_BASE_URL: baseUrl,
        ...options.env,
      },
      readyWhen: /Listening on/,
      timeoutMs: 180_000,
    },
  );
  await ready;
  for (const path of [
    '/api/metal3/health',
    '/.backstage/health/v1/readiness',
  ]) {
    for (const deadline = Date.now() + 60_000; ; ) {
      const health = await fetch(`${baseUrl}${path}`).catch(() => undefined);
      if (health?.ok) break;
      if (Date.now() > deadline) {
        throw new Error(`${baseUrl}${path} did not answer 200`);
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }
  return { process, baseUrl };
}
