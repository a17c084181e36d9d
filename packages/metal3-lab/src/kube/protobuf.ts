/**
 * Decoding of the Kubernetes protobuf encoding for the core kinds kubectl
 * writes that way (`kubectl create namespace|secret|configmap|serviceaccount|token` send
 * `application/vnd.kubernetes.protobuf`; client-go does not fall back to
 * JSON). The envelope is the magic "k8s\0" and a runtime.Unknown whose `raw`
 * field holds the object; field numbers are those of k8s.io/api's
 * generated.proto. Only the fields the lab stores are read.
 */

type Fields = Map<number, (Buffer | bigint)[]>;

function readVarint(buf: Buffer, start: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let pos = start;
  for (;;) {
    const byte = buf[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

/** One message's fields: length-delimited as Buffers, varints as bigints. */
function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, next] = readVarint(buf, pos);
    pos = next;
    const number = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    let value: Buffer | bigint;
    if (wire === 0) {
      [value, pos] = readVarint(buf, pos);
    } else if (wire === 2) {
      const [length, start] = readVarint(buf, pos);
      value = buf.subarray(start, start + Number(length));
      pos = start + Number(length);
    } else if (wire === 1) {
      value = buf.readBigUInt64LE(pos);
      pos += 8;
    } else if (wire === 5) {
      value = BigInt(buf.readUInt32LE(pos));
      pos += 4;
    } else {
      throw new Error(`unsupported protobuf wire type ${wire}`);
    }
    out.set(number, [...(out.get(number) ?? []), value]);
  }
  return out;
}

const str = (f: Fields, n: number) => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
};
const strings = (f: Fields, n: number) =>
  (f.get(n) ?? []).filter(Buffer.isBuffer).map(b => b.toString('utf8'));

function map(
  f: Fields,
  n: number,
  bytes = false,
): Record<string, string> | undefined {
  const entries = (f.get(n) ?? []).filter(Buffer.isBuffer);
  if (entries.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const e = fields(entry);
    const value = e.get(2)?.[0];
    out[str(e, 1) ?? ''] = Buffer.isBuffer(value)
      ? value.toString(bytes ? 'base64' : 'utf8')
      : '';
  }
  return out;
}

function objectMeta(buf: Buffer | undefined): Record<string, unknown> {
  if (!buf) return {};
  const f = fields(buf);
  const meta: Record<string, unknown> = {
    name: str(f, 1),
    generateName: str(f, 2),
    namespace: str(f, 3),
    resourceVersion: str(f, 6),
    labels: map(f, 11),
    annotations: map(f, 12),
    finalizers: f.has(14) ? strings(f, 14) : undefined,
  };
  return Object.fromEntries(
    Object.entries(meta).filter(([, v]) => v !== undefined && v !== ''),
  );
}

/** Decodes a protobuf body into the JSON shape of the object, or throws. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') {
    throw new Error('missing the k8s protobuf envelope');
  }
  const unknown = fields(body.subarray(4));
  const typeMeta = fields((unknown.get(1)?.[0] as Buffer) ?? Buffer.alloc(0));
  const apiVersion = str(typeMeta, 1) ?? '';
  const kind = str(typeMeta, 2) ?? '';
  const raw = fields((unknown.get(2)?.[0] as Buffer) ?? Buffer.alloc(0));
  const metadata = objectMeta(raw.get(1)?.[0] as Buffer | undefined);
  const base = { apiVersion, kind, metadata };
  switch (kind) {
    case 'Namespace':
      return base;
    case 'Secret':
      return {
        ...base,
        ...(map(raw, 2, true) && { data: map(raw, 2, true) }),
        ...(str(raw, 3) && { type: str(raw, 3) }),
        ...(map(raw, 4) && { stringData: map(raw, 4) }),
        ...(raw.has(5) && { immutable: raw.get(5)![0] === 1n }),
      };
    case 'ConfigMap':
      return {
        ...base,
        ...(map(raw, 2) && { data: map(raw, 2) }),
        ...(map(raw, 3, true) && { binaryData: map(raw, 3, true) }),
      };
    case 'ServiceAccount':
      return {
        ...base,
        ...(raw.has(4) && {
          automountServiceAccountToken: raw.get(4)![0] === 1n,
        }),
      };
    case 'TokenRequest': {
      // `kubectl create token`: spec.audiences (1), expirationSeconds (4).
      const spec = fields((raw.get(2)?.[0] as Buffer) ?? Buffer.alloc(0));
      const seconds = spec.get(4)?.[0];
      return {
        ...base,
        spec: {
          ...(spec.has(1) && { audiences: strings(spec, 1) }),
          ...(typeof seconds === 'bigint' && {
            expirationSeconds: Number(seconds),
          }),
        },
      };
    }
    default:
      throw new Error(`the lab cannot decode ${kind} from protobuf; send JSON`);
  }
}
