import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { LabApiError } from '../errors';
import { decodeProtobufObject } from './protobuf';

/**
 * Reading requests and writing answers the way kube-apiserver does: JSON,
 * YAML or protobuf bodies in; JSON and `Status` errors out.
 */

/** The request body: JSON, YAML (apply patches) or protobuf (kubectl's core kinds). */
export async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('protobuf')) {
    try {
      return decodeProtobufObject(Buffer.concat(chunks));
    } catch (error) {
      throw new LabApiError(
        415,
        'UnsupportedMediaType',
        (error as Error).message,
      );
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return type.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch {
    throw new LabApiError(
      400,
      'BadRequest',
      'the request body is not valid JSON or YAML',
    );
  }
}

/** The answer to a write, with the admission warnings as `Warning` headers. */
export function sendWritten(
  res: ServerResponse,
  status: number,
  body: unknown,
  warnings: string[],
) {
  if (warnings.length > 0) {
    res.setHeader(
      'Warning',
      warnings.map(w => `299 - ${JSON.stringify(w)}`),
    );
  }
  sendJson(res, status, body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function sendError(res: ServerResponse, error: unknown) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const apiError =
    error instanceof LabApiError
      ? error
      : new LabApiError(
          500,
          'InternalError',
          `internal error: ${(error as Error).message}`,
        );
  sendJson(res, apiError.code, apiError.toStatus());
}

export function pathNotFound(): LabApiError {
  return new LabApiError(
    404,
    'NotFound',
    'the server could not find the requested resource',
  );
}

export function methodNotAllowed(method: string): LabApiError {
  return new LabApiError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource: ${method}`,
  );
}
