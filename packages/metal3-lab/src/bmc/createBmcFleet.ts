import https from 'node:https';
import { Socket } from 'node:net';
import { generateCertificates } from '../kube/certificates';
import { BmcFault, PowerState } from '../types';
import { HostIdentity, identityRewrite } from './hostIdentity';
import { loadMockup, MOCKUP_DIR } from './mockupTree';
import { BmhHardware, hardwareFromRedfish } from './bmhHardware';
import { servedReader } from './servedReader';
import {
  createRedfishServer,
  entriesUri,
  RedfishBmcState,
} from './redfishServer';

/** A BMC the emulator serves for one simulated host. */
export interface EmulatedBmc {
  hostId: string;
  /** The Metal3 BMC address of the host, e.g. redfish+https://127.100.0.5:8443/redfish/v1/Systems/1 */
  address: string;
}

/**
 * The fleet of emulated Redfish BMCs of one lab: one HTTPS service per host
 * on its own loopback address (127.100.x.y, as distinct BMC IPs), all with
 * certificates of one CA. The simulated baremetal-operator sets power here
 * as Ironic would; a Redfish ComputerSystem.Reset from a client changes it
 * too, and listeners learn about that.
 */
export interface BmcFleet {
  addHost(options: {
    hostId: string;
    /** Name of a tree in redfish-mockups/, e.g. 'dmtf-public-rackmount1'. */
    mockup: string;
    ip: string;
    port: number;
    username: string;
    password: string;
    identity: HostIdentity;
    power?: PowerState;
  }): Promise<EmulatedBmc>;
  removeHost(hostId: string): Promise<void>;
  has(hostId: string): boolean;
  /** What a login with these credentials meets (the simulated Ironic asks, as it would over Redfish). */
  checkLogin(
    hostId: string,
    username: string,
    password: string,
  ): 'ok' | 'unauthorized' | 'hang';
  /**
   * The hardware the host's BMC serves (its Redfish inventory, with the
   * host's identity), read without HTTP: what an inspection of it finds.
   */
  inventory(hostId: string): BmhHardware;
  getPower(hostId: string): PowerState | undefined;
  setPower(hostId: string, state: PowerState): void;
  onPowerChange(
    listener: (hostId: string, state: PowerState) => void,
  ): () => void;
  addLogEntry(
    hostId: string,
    entry: { severity: 'OK' | 'Warning' | 'Critical'; message: string },
  ): void;
  setFault(hostId: string, fault: BmcFault): void;
  /** Delay before every answer of this BMC, ms (0: none). */
  setLatency(hostId: string, latencyMs: number): void;
  /** Redfish sessions still open across the fleet (leaks show here). */
  openSessions(): number;
  /** PEM of the CA that signed every emulated BMC's certificate. */
  caPem(): string;
  stop(): Promise<void>;
}

interface Running {
  state: RedfishBmcState;
  server: https.Server;
  sockets: Set<Socket>;
  address: string;
}

export function createBmcFleet(options: {
  ips: string[];
  mockupDir?: string;
}): BmcFleet {
  // One certificate names every BMC address (they share the CA anyway).
  const tls = generateCertificates([...new Set(['127.0.0.1', ...options.ips])]);
  const hosts = new Map<string, Running>();
  const listeners = new Set<(hostId: string, state: PowerState) => void>();
  const get = (hostId: string) => {
    const running = hosts.get(hostId);
    if (!running) throw new Error(`no emulated BMC for host ${hostId}`);
    return running;
  };

  return {
    async addHost(o) {
      const tree = loadMockup(o.mockup, options.mockupDir ?? MOCKUP_DIR);
      const identity = identityRewrite(tree, o.identity);
      const state: RedfishBmcState = {
        tree,
        identity,
        username: o.username,
        password: o.password,
        power: o.power ?? 'Off',
        fault: undefined,
        sessions: new Map(),
        logEntries: [],
        onReset: power => listeners.forEach(l => l(o.hostId, power)),
      };
      const { server, sockets } = createRedfishServer(state, tls);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(o.port, o.ip, () => resolve());
      });
      const port = (server.address() as { port: number }).port;
      const address = `redfish+https://${o.ip}:${port}/redfish/v1/Systems/${identity.systemId}`;
      hosts.set(o.hostId, { state, server, sockets, address });
      return { hostId: o.hostId, address };
    },
    async removeHost(hostId) {
      const running = hosts.get(hostId);
      if (!running) return;
      hosts.delete(hostId);
      await close(running);
    },
    has: hostId => hosts.has(hostId),
    checkLogin(hostId, username, password) {
      const { state } = get(hostId);
      if (state.fault === 'hang') return 'hang';
      if (state.fault === 'reject-credentials') return 'unauthorized';
      return username === state.username && password === state.password
        ? 'ok'
        : 'unauthorized';
    },
    inventory(hostId) {
      const { state } = get(hostId);
      return hardwareFromRedfish(
        servedReader(state.tree, state.identity),
        `/redfish/v1/Systems/${state.identity.systemId}`,
      );
    },
    getPower: hostId => hosts.get(hostId)?.state.power,
    setPower(hostId, power) {
      const running = hosts.get(hostId);
      if (running) running.state.power = power;
    },
    onPowerChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    addLogEntry(hostId, entry) {
      const { state } = get(hostId);
      const collection = entriesUri(state);
      if (!collection) return;
      const id = String(1000 + state.logEntries.length);
      const base = state.identity.rewrite(collection).replace(/\/$/, '');
      state.logEntries.push({
        '@odata.id': `${base}/${id}`,
        '@odata.type': '#LogEntry.v1_15_0.LogEntry',
        Id: id,
        Name: 'Log Entry',
        EntryType: 'SEL',
        Severity: entry.severity,
        Created: new Date().toISOString(),
        Message: entry.message,
      });
    },
    setFault(hostId, fault) {
      get(hostId).state.fault = fault;
    },
    setLatency(hostId, latencyMs) {
      get(hostId).state.latencyMs = latencyMs;
    },
    openSessions: () =>
      [...hosts.values()].reduce((n, h) => n + h.state.sessions.size, 0),
    caPem: () => tls.caPem,
    async stop() {
      const all = [...hosts.values()];
      hosts.clear();
      await Promise.all(all.map(close));
    },
  };
}

async function close(running: Running): Promise<void> {
  // Hung requests never end on their own: cut their connections.
  for (const socket of running.sockets) socket.destroy();
  running.server.closeAllConnections();
  await new Promise<void>(resolve => running.server.close(() => resolve()));
}
