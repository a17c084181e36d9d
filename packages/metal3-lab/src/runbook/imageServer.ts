import { createHash } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { listenFailure } from '../portTaken';

/** The loopback address the lab's image server listens on (metal3.images.allowedNetworks of the lab config accepts it). */
export const IMAGE_SERVER_IP = '127.100.251.1';
/** An address on the same network where nothing listens: an image server that is down. */
export const DEAD_IMAGE_SERVER_IP = '127.100.251.2';

/** An image the server holds, and whether its `.sha256sum` file is published beside it. */
export interface ServedImage {
  file: string;
  checksumFile: boolean;
}

/** @public */
export interface RunningImageServer {
  /** `http://127.100.251.1:<port>/images/` */
  baseUrl: string;
  port: number;
  /** The SHA-256 of an image's bytes, as its checksum file says. */
  digestOf(file: string): string;
  stop(): Promise<void>;
}

/** The bytes of a lab image: small, distinct per file, stable across starts. */
function imageBytes(file: string): Buffer {
  return Buffer.from(`metal3 lab image ${file}\n`.repeat(64));
}

/**
 * The HTTP server Ironic downloads images from (the guide's phase 2.2, "Host
 * the Image"): GET and HEAD of each image and, where published, its
 * `<image>.sha256sum` in sha256sum's format; 404 for anything else, 405 for
 * other methods. It listens on a free port of IMAGE_SERVER_IP, so several
 * labs can run at once.
 */
export async function startImageServer(
  images: readonly ServedImage[],
  port = 0,
): Promise<RunningImageServer> {
  const files = new Map<string, Buffer>();
  const digests = new Map<string, string>();
  for (const image of images) {
    const bytes = imageBytes(image.file);
    const digest = createHash('sha256').update(bytes).digest('hex');
    digests.set(image.file, digest);
    files.set(image.file, bytes);
    if (image.checksumFile) {
      files.set(
        `${image.file}.sha256sum`,
        Buffer.from(`${digest}  ${image.file}\n`),
      );
    }
  }
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://lab').pathname;
    const body = path.startsWith('/images/')
      ? files.get(decodeURIComponent(path.slice('/images/'.length)))
      : undefined;
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'content-type': path.endsWith('.sha256sum')
        ? 'text/plain'
        : 'application/octet-stream',
      'content-length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, IMAGE_SERVER_IP, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(error => {
    throw listenFailure(error, {
      address: IMAGE_SERVER_IP,
      port,
      user: "the lab's image server",
      configKey: 'metal3.lab.port',
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://${IMAGE_SERVER_IP}:${actual}/images/`,
    port: actual,
    digestOf: file => {
      const digest = digests.get(file);
      if (!digest) throw new Error(`the lab serves no image ${file}`);
      return digest;
    },
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
