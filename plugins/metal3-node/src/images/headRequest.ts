import { redactUrlUserinfo } from '@metal3-fleet/plugin-metal3-common';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { GuardVerdict } from '../bmc/ssrf';

/** What one probe of a URL found: the final status, or why there is none. *
/** What one probe of a URL found: the final status, or why there is none. * @public
/** What one probe of a URL found: the final status, or why there is none. */
export type HeadResult =
  | { status: number }
  | { error: string }
  | { skipped: string };

/** @public */
export interface HeadOptions {
  guard: (host: string) => Promise<GuardVerdict>;
  /** The whole probe, redirects included. */
  timeoutMs: number;
  /** Extra CA certificates for image servers with a private CA (PEM). */
  ca?: string;
}

const MAX_REDIRECTS = 5;

/**
 * A HEAD request to an image or checksum URL, as Ironic would fetch it:
 * every host (the first and each redirect target) passes the SSRF guard,
 * the connection goes to the address the guard resolved (DNS cannot change
 * in between) and TLS is verified against the name. A server that refuses
 * HEAD (405, 501) is asked with a GET whose body is not read. Credentials in
 * the URL's userinfo are sent as Basic to that origin only (what Ironic
 * does with such a URL) and never appear in a result: every text is
 * redacted.
 *
 * @public
 */
export async function headRequest(
  rawUrl: string,
  options: HeadOptions,
): Promise<HeadResult> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { error: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      skipped: `${url.protocol.replace(
        /:$/,
        '',
      )} URLs are not probed (only http and https)`,
    };
  }
  const deadline = Date.now() + options.timeoutMs;
  const origin = url.origin;
  const authorization =
    url.username || url.password
      ? `Basic ${Buffer.from(
          `${decodeURIComponent(url.username)}:${decodeURIComponent(
            url.password,
          )}`,
        ).toString('base64')}`
      : undefined;
  let method: 'HEAD' | 'GET' = 'HEAD';
  for (let hop = 0; ; ) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const verdict = await options.guard(host);
    if (!verdict.ok) return { skipped: redact(verdict.message) };
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      return { error: `no answer within ${seconds(options.timeoutMs)}` };
    }
    let answer: { status: number; location?: string };
    try {
      answer = await once(method, url, verdict.address, remaining, {
        ca: options.ca,
        authorization: url.origin === origin ? authorization : undefined,
      });
    } catch (error) {
      return { error: redact((error as Error).message) };
    }
    if ((answer.status === 405 || answer.status === 501) && method === 'HEAD') {
      method = 'GET';
      continue;
    }
    const redirect = answer.status >= 300 && answer.status < 400;
    if (!redirect || !answer.location) return { status: answer.status };
    if (++hop > MAX_REDIRECTS) {
      return { error: `more than ${MAX_REDIRECTS} redirects` };
    }
    let next: URL;
    try {
      next = new URL(answer.location, url);
    } catch {
      return { error: 'redirected to something that is not a URL' };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return { error: `redirected to a ${next.protocol} URL; not followed` };
    }
    url = next;
  }
}

function once(
  method: 'HEAD' | 'GET',
  url: URL,
  address: string,
  timeoutMs: number,
  extra: { ca?: string; authorization?: string },
): Promise<{ status: number; location?: string }> {
  const https = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined = undefined;
    const req = (https ? httpsRequest : httpRequest)(
      {
        method,
        host: address,
        port: Number(url.port) || (https ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        headers: {
          Host: url.host,
          'User-Agent': 'backstage-metal3-image-probe',
          ...(extra.authorization && { Authorization: extra.authorization }),
        },
        ...(https && {
          servername: isIP(host) ? undefined : host,
          rejectUnauthorized: true,
          ...(extra.ca && { ca: extra.ca }),
        }),
      },
      res => {
        const location = res.headers.location;
        // The body is never read: a GET fallback would download the image.
        res.destroy();
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          ...(typeof location === 'string' && { location }),
        });
      },
    );
    timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${seconds(timeoutMs)}`));
    }, timeoutMs);
    req.on('error', error => {
      clearTimeout(timer);
      reject(describe(error as NodeJS.ErrnoException, url));
    });
    req.end();
  });
}

function describe(error: NodeJS.ErrnoException, url: URL): Error {
  const where = `${url.host}`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return new Error(`${where} refused the connection`);
    case 'ECONNRESET':
      return new Error(`${where} closed the connection`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new Error(`${where} is unreachable`);
    default:
      if (
        /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(
          error.code ?? '',
        )
      ) {
        return new Error(`TLS to ${where} failed: ${error.message}`);
      }
      return new Error(error.message || `request to ${where} failed`);
  }
}

/** `10 s`, `0.3 s`. */
function seconds(ms: number): string {
  return `${ms < 1000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;
}

/** Texts quote URLs (a guard message names the host): never with userinfo. */
function redact(text: string): string {
  return redactUrlUserinfo(text);
}
