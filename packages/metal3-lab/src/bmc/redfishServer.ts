import { randomBytes, randomUUID } from 'node:crypto';
import https from 'node:https';
import { Socket } from 'node:net';
import { IncomingMessage, ServerResponse } from 'node:http';
import { BmcFault, PowerState } from '../types';
import { IdentityRewrite } from './hostIdentity';
import { logEntriesUri } from './logEntriesUri';
import {
  MockupResource,
  normaliseUri,
  readResource,
  members,
} from './mockupTree';

/** One emulated BMC: its tree, identity, credentials and live state. */
export interface RedfishBmcState {
  tree: Map<string, MockupResource>;
  identity: IdentityRewrite;
  username: string;
  password: string;
  power: PowerState;
  fault: BmcFault;
  /** Added before every answer: slow BMC web servers (benchmarks, fault drills). */
  latencyMs?: number;
  sessions: Map<string, { id: string; user: string }>;
  /** SEL entries added at run time, after the captured ones. */
  logEntries: object[];
  onReset(state: PowerState): void;
}

const RESET_TARGET: Record<string, (p: PowerState) => PowerState> = {
  On: () => 'On',
  ForceOn: () => 'On',
  ForceOff: () => 'Off',
  GracefulShutdown: () => 'Off',
  ForceRestart: () => 'On',
  GracefulRestart: () => 'On',
  PowerCycle: () => 'On',
  PushPowerButton: p => (p === 'On' ? 'Off' : 'On'),
  Nmi: p => p,
};

/**
 * An HTTPS Redfish service for one host, built from a captured tree: the
 * service root answers without credentials (as real BMCs do), everything
 * else needs Basic auth or a session token (POST to the Sessions collection,
 * DELETE of its Location to log out). The ComputerSystem's PowerState is
 * live and its Reset action changes it.
 */
export function createRedfishServer(
  state: RedfishBmcState,
  tls: { certPem: string; keyPem: string },
): { server: https.Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  const server = https.createServer(
    { cert: tls.certPem, key: tls.keyPem },
    (req, res) => {
      if (state.fault === 'hang') return; // accept, never answer
      const answer = () =>
        handle(state, req, res).catch(error =>
          sendError(
            res,
            500,
            'Base.1.8.InternalError',
            (error as Error).message,
          ),
        );
      if (state.latencyMs) setTimeout(answer, state.latencyMs);
      else answer();
    },
  );
  server.on('secureConnection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return { server, sockets };
}

async function handle(
  state: RedfishBmcState,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const uri = normaliseUri(new URL(req.url ?? '/', 'https://bmc').pathname);
  const method = req.method ?? 'GET';
  if (uri === '/redfish' && method === 'GET')
    return sendJson(res, 200, { v1: '/redfish/v1/' });
  if (uri === '/redfish/v1' && method === 'GET')
    return sendResource(state, res, '/redfish/v1');
  const sessionsUri = '/redfish/v1/sessionservice/sessions';
  if (uri === sessionsUri && method === 'POST') return login(state, req, res);
  const user = authenticate(state, req);
  if (!user) {
    res.setHeader('WWW-Authenticate', 'Basic realm="Redfish"');
    return sendError(
      res,
      401,
      'Base.1.8.InsufficientPrivilege',
      'There are insufficient privileges for the account or credentials associated with the current session to perform the requested operation.',
    );
  }
  const mockupUri = normaliseUri(state.identity.toMockupUri(uri));
  if (mockupUri.startsWith(`${sessionsUri}/`))
    return session(state, req, res, mockupUri);
  const systemUri = normaliseUri(
    members(state.tree, '/redfish/v1/Systems')[0] ?? '',
  );
  if (
    method === 'POST' &&
    mockupUri === `${systemUri}/actions/computersystem.reset`
  ) {
    return reset(state, req, res, systemUri);
  }
  if (method !== 'GET') {
    return sendError(
      res,
      405,
      'Base.1.8.ActionNotSupported',
      'The BMC of the lab is read-only apart from sessions and ComputerSystem.Reset.',
    );
  }
  if (mockupUri === sessionsUri) {
    return sendJson(res, 200, {
      '@odata.id': '/redfish/v1/SessionService/Sessions',
      '@odata.type': '#SessionCollection.SessionCollection',
      Name: 'Session Collection',
      'Members@odata.count': state.sessions.size,
      Members: [...state.sessions.keys()].map(id => ({
        '@odata.id': `/redfish/v1/SessionService/Sessions/${id}`,
      })),
    });
  }
  return sendResource(state, res, mockupUri);
}

function sendResource(
  state: RedfishBmcState,
  res: ServerResponse,
  mockupUri: string,
) {
  const key = normaliseUri(mockupUri);
  const resource = state.tree.get(key);
  const extra = logEntryResource(state, key);
  if (extra) return sendJson(res, 200, extra);
  if (!resource)
    return sendError(
      res,
      404,
      'Base.1.8.ResourceMissingAtURI',
      `The resource at the URI ${mockupUri} was not found.`,
    );
  if (!('json' in resource))
    return sendError(
      res,
      resource.errorStatus,
      'Base.1.8.GeneralError',
      'The BMC failed this request when it was captured.',
    );
  const body = JSON.parse(state.identity.rewrite(resource.json));
  const systemUri = normaliseUri(
    members(state.tree, '/redfish/v1/Systems')[0] ?? '',
  );
  if (key === systemUri) body.PowerState = state.power;
  if (
    key === normaliseUri(entriesUri(state) ?? '') &&
    state.logEntries.length > 0
  ) {
    body.Members = [
      ...(body.Members ?? []),
      ...state.logEntries.map((e: any) => ({ '@odata.id': e['@odata.id'] })),
    ];
    body['Members@odata.count'] = body.Members.length;
  }
  return sendJson(res, 200, body);
}

/** Where this BMC records events: see logEntriesUri. */
export function entriesUri(state: RedfishBmcState): string | undefined {
  const systemUri = members(state.tree, '/redfish/v1/Systems')[0];
  return systemUri ? logEntriesUri(state.tree, systemUri) : undefined;
}

function logEntryResource(
  state: RedfishBmcState,
  key: string,
): object | undefined {
  return state.logEntries.find(
    (e: any) => normaliseUri(e['@odata.id']) === key,
  );
}

function authenticate(
  state: RedfishBmcState,
  req: IncomingMessage,
): string | undefined {
  if (state.fault === 'reject-credentials') return undefined;
  const token = req.headers['x-auth-token'];
  if (typeof token === 'string') return state.sessions.get(token)?.user;
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return undefined;
  const [user, ...rest] = Buffer.from(header.slice(6), 'base64')
    .toString()
    .split(':');
  return user === state.username && rest.join(':') === state.password
    ? user
    : undefined;
}

async function login(
  state: RedfishBmcState,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const body = await readJson(req);
  if (
    state.fault === 'reject-credentials' ||
    body?.UserName !== state.username ||
    body?.Password !== state.password
  ) {
    return sendError(
      res,
      401,
      'Base.1.8.NoValidSession',
      'There is no valid session established with the implementation.',
    );
  }
  const token = randomBytes(16).toString('hex');
  const id = randomUUID().slice(0, 8);
  state.sessions.set(token, { id, user: body.UserName });
  const location = `/redfish/v1/SessionService/Sessions/${id}`;
  res.setHeader('X-Auth-Token', token);
  res.setHeader('Location', location);
  return sendJson(res, 201, {
    '@odata.id': location,
    '@odata.type': '#Session.v1_3_0.Session',
    Id: id,
    Name: 'User Session',
    UserName: body.UserName,
  });
}

function session(
  state: RedfishBmcState,
  req: IncomingMessage,
  res: ServerResponse,
  uri: string,
) {
  const id = uri.split('/').pop();
  const entry = [...state.sessions.entries()].find(
    ([, s]) => s.id.toLowerCase() === id,
  );
  if (!entry)
    return sendError(
      res,
      404,
      'Base.1.8.ResourceMissingAtURI',
      `The session ${id} does not exist.`,
    );
  if (req.method === 'DELETE') {
    state.sessions.delete(entry[0]);
    res.writeHead(204);
    return res.end();
  }
  return sendJson(res, 200, {
    '@odata.id': `/redfish/v1/SessionService/Sessions/${entry[1].id}`,
    Id: entry[1].id,
    UserName: entry[1].user,
  });
}

async function reset(
  state: RedfishBmcState,
  req: IncomingMessage,
  res: ServerResponse,
  systemUri: string,
) {
  const body = await readJson(req);
  const system = readResource(state.tree, systemUri) ?? {};
  const allowed: string[] | undefined =
    system.Actions?.['#ComputerSystem.Reset']?.[
      'ResetType@Redfish.AllowableValues'
    ];
  const type = body?.ResetType;
  if (!RESET_TARGET[type] || (allowed && !allowed.includes(type))) {
    return sendError(
      res,
      400,
      'Base.1.8.ActionParameterValueNotInList',
      `The value ${JSON.stringify(
        type,
      )} for the parameter ResetType is not in the list of acceptable values.`,
    );
  }
  const next = RESET_TARGET[type](state.power);
  state.power = next;
  state.onReset(next);
  res.writeHead(204);
  return res.end();
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'OData-Version': '4.0',
  });
  res.end(JSON.stringify(body));
}

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
) {
  sendJson(res, status, {
    error: {
      code,
      message,
      '@Message.ExtendedInfo': [{ MessageId: code, Message: message }],
    },
  });
}
