import { ObjectStore } from '../../kube/ObjectStore';
import { StoreEvent } from '../../types';
import { recordEvent } from '../events';
import { timerDelay } from '../timerDelay';
import { ControllerContext } from './context';
import { reconcileMachineHealthCheck } from './healthCheck';
import { reconcileMachine } from './machine';
import { reconcileMachineDeployment } from './machineDeployment';
import { reconcileMachineSet } from './machineSet';
import { reconcileMetal3Machine } from './metal3Machine';
import { reconcileNodes } from './nodes';
import { reconcileIpam } from './ipam';
import { reconcileProviderNetworks } from './providerNetworks';
import { reconcileMetal3Remediation } from './remediation';
import { reconcileClusterTopology } from './topology';
import { R } from './resources';

const WATCHED = new Set(
  [
    R.cluster,
    R.md,
    R.ms,
    R.machine,
    R.mhc,
    R.m3m,
    R.m3r,
    R.bmh,
    R.node,
    R.m3mt,
    { group: 'ipam.metal3.io', resource: 'ipclaims' },
    { group: 'ipam.metal3.io', resource: 'ippools' },
    { group: 'infrastructure.cluster.x-k8s.io', resource: 'metal3datas' },
    { group: 'infrastructure.cluster.x-k8s.io', resource: 'metal3dataclaims' },
  ].map(k => `${k.group}/${k.resource}`),
);

/**
 * The simulated Cluster API and CAPM3 controllers of one cluster. Changes
 * are queued per namespace and reconciled together shortly after (as
 * controller-runtime's work queues coalesce events); each pass runs every
 * reconcile function of the namespace in dependency order. A reconcile
 * error is kept for the next pass, as a requeue with back-off would.
 */
export class CapiControllers {
  readonly #store: ObjectStore;
  readonly #speed: number;
  readonly #queue = new Set<string>();
  readonly #requeues = new Map<
    string,
    { due: number; timer: NodeJS.Timeout }
  >();
  readonly #nodeTimers = new Map<string, number>();
  readonly #unsubscribe: () => void;
  #scheduled?: NodeJS.Timeout;
  #running = false;
  #stopped = false;
  lastError?: Error;

  constructor(store: ObjectStore, options: { speed?: number } = {}) {
    this.#store = store;
    this.#speed = options.speed ?? 1;
    this.#unsubscribe = store.subscribe(event => this.#onEvent(event));
    for (const md of store.listShared(R.md))
      this.#enqueue(md.metadata.namespace!);
    for (const cluster of store.listShared(R.cluster))
      this.#enqueue(cluster.metadata.namespace!);
    for (const m3m of store.listShared(R.m3m))
      this.#enqueue(m3m.metadata.namespace!);
  }

  stop(): void {
    this.#stopped = true;
    this.#unsubscribe();
    clearTimeout(this.#scheduled);
    for (const { timer } of this.#requeues.values()) clearTimeout(timer);
  }

  #onEvent(event: StoreEvent): void {
    const key = `${event.key.group}/${event.key.resource}`;
    if (!WATCHED.has(key)) return;
    if (event.key.resource === 'nodes') {
      // Nodes are cluster-scoped: every namespace with machines cares.
      for (const m of this.#store.listShared(R.machine))
        this.#enqueue(m.metadata.namespace!);
      return;
    }
    this.#enqueue(event.object.metadata.namespace!);
  }

  #enqueue(namespace: string): void {
    if (this.#stopped) return;
    this.#queue.add(namespace);
    if (this.#scheduled || this.#running) return;
    this.#scheduled = setTimeout(() => this.#drain(), 20);
    this.#scheduled.unref();
  }

  #drain(): void {
    this.#scheduled = undefined;
    this.#running = true;
    try {
      // Writes made during a pass enqueue the namespace again; a bounded
      // number of passes keeps one busy namespace from starving the loop.
      for (let pass = 0; pass < 20 && this.#queue.size > 0; pass++) {
        const namespaces = [...this.#queue];
        this.#queue.clear();
        for (const namespace of namespaces) this.#reconcileNamespace(namespace);
      }
    } finally {
      this.#running = false;
      if (this.#queue.size > 0 && !this.#stopped) {
        this.#scheduled = setTimeout(() => this.#drain(), 20);
        this.#scheduled.unref();
      }
    }
  }

  #reconcileNamespace(namespace: string): void {
    const ctx = this.#context();
    const steps: [() => unknown[], (o: any) => void][] = [
      // The topology first: it may change what the MachineDeployments want.
      [
        () => this.#store.list(R.cluster, { namespace }),
        o => reconcileClusterTopology(ctx, o),
      ],
      [
        () => this.#store.list(R.md, { namespace }),
        o => reconcileMachineDeployment(ctx, o),
      ],
      [
        () => this.#store.list(R.ms, { namespace }),
        o => reconcileMachineSet(ctx, o),
      ],
      [
        () => this.#store.list(R.machine, { namespace }),
        o => reconcileMachine(ctx, o),
      ],
      [
        () => this.#store.list(R.m3m, { namespace }),
        o => reconcileMetal3Machine(ctx, o),
      ],
      [
        () => this.#store.list(R.mhc, { namespace }),
        o => reconcileMachineHealthCheck(ctx, o),
      ],
      [
        () => this.#store.list(R.m3r, { namespace }),
        o => reconcileMetal3Remediation(ctx, o),
      ],
    ];
    for (const [list, reconcile] of steps) {
      for (const object of list()) {
        try {
          reconcile(object);
        } catch (error) {
          // A conflict or a vanished object: the next pass retries.
          this.lastError = error as Error;
          this.#requeue(namespace, 1_000);
        }
      }
    }
    try {
      reconcileIpam(ctx, namespace);
      reconcileNodes(ctx, namespace, this.#nodeTimers);
      reconcileProviderNetworks(ctx);
    } catch (error) {
      this.lastError = error as Error;
      this.#requeue(namespace, 1_000);
    }
  }

  #context(): ControllerContext {
    return {
      store: this.#store,
      speed: this.#speed,
      now: () => new Date(),
      requeue: (namespace, realMs) =>
        this.#requeue(namespace, realMs / this.#speed),
      event: (object, type, reason, message) =>
        recordEvent(
          this.#store,
          object,
          { type, reason, message },
          'capi-controller-manager',
        ),
    };
  }

  /** Re-reconciles the namespace after `ms` of wall-clock time (the earliest request wins). */
  #requeue(namespace: string, ms: number): void {
    if (this.#stopped) return;
    const due = Date.now() + Math.max(10, ms);
    const existing = this.#requeues.get(namespace);
    if (existing && existing.due <= due) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.#requeues.delete(namespace);
      this.#enqueue(namespace);
    }, timerDelay(due - Date.now()));
    timer.unref();
    this.#requeues.set(namespace, { due, timer });
  }
}
