import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';

/** Whether a TCP port accepts connections: the error code when not. @public */
export function probeTcp(
  address: string,
  port: number,
  timeoutMs: number,
): Promise<{ ok: true } | { ok: false; code: string }> {
  return new Promise(resolve => {
    const socket = tcpConnect({ host: address, port });
    const done = (result: { ok: true } | { ok: false; code: string }) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, code: 'ETIMEDOUT' }));
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({ ok: false, code: error.code ?? error.message }),
    );
  });
}

/** @public */
export interface TlsProbe {
  /** Handshake finished (whatever the certificate). */
  handshake: boolean;
  /** The certificate verified against the CA store or bundle given. */
  trusted: boolean;
  /** OpenSSL's reason when not trusted, or the handshake error code. */
  reason?: string;
  subject?: string;
  validTo?: string;
  protocol?: string;
}

/**
 * A TLS handshake that records, rather than enforces, certificate trust, so
 * the preflight can say "self-signed" instead of "unreachable". The host
 * name is checked too (servername + identity) unless it is an IP.
 *
 * @public
 */
export function probeTls(options: {
  address: string;
  host: string;
  port: number;
  timeoutMs: number;
  caBundle?: string;
}): Promise<TlsProbe> {
  return new Promise(resolve => {
    const socket = tlsConnect({
      host: options.address,
      port: options.port,
      ...(isIP(options.host) ? {} : { servername: options.host }),
      ...(options.caBundle && { ca: options.caBundle }),
      rejectUnauthorized: false,
    });
    const done = (probe: TlsProbe) => {
      socket.destroy();
      resolve(probe);
    };
    socket.setTimeout(options.timeoutMs, () =>
      done({ handshake: false, trusted: false, reason: 'ETIMEDOUT' }),
    );
    socket.once('secureConnect', () => {
      const cert: PeerCertificate = socket.getPeerCertificate();
      done({
        handshake: true,
        trusted: socket.authorized,
        ...(!socket.authorized && {
          reason: String(socket.authorizationError ?? 'untrusted'),
        }),
        ...(cert?.subject?.CN && { subject: `CN=${cert.subject.CN}` }),
        ...(cert?.valid_to && { validTo: cert.valid_to }),
        protocol: socket.getProtocol() ?? undefined,
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({
        handshake: false,
        trusted: false,
        reason: error.code ?? error.message,
      }),
    );
  });
}
