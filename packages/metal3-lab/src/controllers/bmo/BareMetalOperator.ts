import { ObjectStore } from '../../kube/ObjectStore';
import { KubeObject, StoreEvent } from '../../types';
import { recordEvent } from '../events';
import { timerDelay } from '../timerDelay';
import {
  CredentialCheck,
  HostEnvironment,
  nextTransition,
  Transition,
} from './hostTransitions';

const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };
const BUSY = ['inspecting', 'provisioning', 'deprovisioning'];
const WARNINGS = ['RegistrationError', 'InspectionError', 'Delayed'];

export interface BareMetalOperatorOptions {
  /** Time compression: real durations are divided by it. */
  speed?: number;
  /** baremetal-operator's PROVISIONING_LIMIT. */
  provisioningLimit?: number;
  checkCredentials: HostEnvironment['checkCredentials'];
  credentialsVersion?: HostEnvironment['credentialsVersion'];
  /** Called when the host's power changed (Ironic acted through the BMC). */
  onPowered?: (host: KubeObject, on: boolean) => void;
  inspect: HostEnvironment['inspect'];
}

interface Pending {
  reason: string;
  timer: NodeJS.Timeout;
}

/**
 * The simulated baremetal-operator (with Ironic folded in) for one cluster:
 * it watches BareMetalHosts in the store, schedules the next step of each
 * host's state machine (hostTransitions.ts) and writes it through the
 * store's status subresource, as the real controller does.
 */
export class BareMetalOperator {
  readonly #store: ObjectStore;
  readonly #options: BareMetalOperatorOptions;
  readonly #speed: number;
  readonly #pending = new Map<string, Pending>();
  /** Hosts in inspecting/provisioning/deprovisioning, and hosts `delayed` (kept up to date from events: no fleet scans). */
  readonly #busy = new Set<string>();
  readonly #delayed = new Set<string>();
  readonly #unsubscribe: () => void;
  /** The last failed write (for tests and the lab's log). */
  lastError?: Error;

  constructor(store: ObjectStore, options: BareMetalOperatorOptions) {
    this.#store = store;
    this.#options = options;
    this.#speed = options.speed ?? 1;
    this.#unsubscribe = store.subscribe(event => this.#onEvent(event));
    const hosts = store.listShared(BMH);
    for (const host of hosts) this.#track(host);
    for (const host of hosts) this.#reconcile(host);
  }

  #track(host: KubeObject, deleted = false): void {
    const id = idOf(host);
    const busy = !deleted && BUSY.includes(host.status?.provisioning?.state);
    const delayed = !deleted && host.status?.operationalStatus === 'delayed';
    if (busy) this.#busy.add(id);
    else this.#busy.delete(id);
    if (delayed) this.#delayed.add(id);
    else this.#delayed.delete(id);
  }

  stop(): void {
    this.#unsubscribe();
    for (const { timer } of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
  }

  #onEvent(event: StoreEvent): void {
    const { group, resource } = event.key;
    if (group === BMH.group && resource === BMH.resource) {
      const wasBusy = this.#busy.has(idOf(event.object));
      this.#track(event.object, event.type === 'DELETED');
      if (event.type === 'DELETED') this.#cancel(idOf(event.object));
      else this.#reconcile(event.object);
      if (wasBusy && !this.#busy.has(idOf(event.object))) this.#wakeDelayed();
    }
    // A changed BMC Secret re-runs registration of its hosts.
    if (group === '' && resource === 'secrets' && event.type !== 'DELETED') {
      for (const host of this.#store.listShared(BMH, {
        namespace: event.object.metadata.namespace,
      })) {
        if (host.spec?.bmc?.credentialsName === event.object.metadata.name)
          this.#reconcile(host);
      }
    }
  }

  /** Hosts waiting for a PROVISIONING_LIMIT slot get another chance. */
  #wakeDelayed(): void {
    for (const id of [...this.#delayed]) {
      const [namespace, name] = id.split('/');
      const host = this.#store.get(BMH, namespace, name);
      if (!host) continue;
      this.#cancel(id);
      this.#reconcile(host);
    }
  }

  /**
   * The BMC reports a power change nobody asked Ironic for (a Reset through
   * Redfish): the status shows it, and the next step is Ironic's power sync
   * back to spec.online.
   */
  observePower(namespace: string, name: string, on: boolean): void {
    const host = this.#store.get(BMH, namespace, name);
    if (!host || host.status?.poweredOn === on) return;
    try {
      this.#store.update(
        BMH,
        {
          ...host,
          status: {
            ...host.status,
            poweredOn: on,
            lastUpdated: new Date().toISOString(),
          },
        },
        { subresource: 'status' },
      );
    } catch (error) {
      this.lastError = error as Error;
    }
  }

  #reconcile(host: KubeObject): void {
    const id = idOf(host);
    const transition = nextTransition(host, this.#environment(host));
    const pending = this.#pending.get(id);
    if (pending && pending.reason === transition?.reason) return;
    this.#cancel(id);
    if (!transition) return;
    const timer = setTimeout(
      () => this.#apply(id, transition.reason),
      timerDelay(transition.afterMs / this.#speed),
    );
    timer.unref();
    this.#pending.set(id, { reason: transition.reason, timer });
  }

  /** Runs a due step, if it is still the host's next one. */
  #apply(id: string, reason: string): void {
    this.#pending.delete(id);
    const [namespace, name] = id.split('/');
    const host = this.#store.get(BMH, namespace, name);
    if (!host) return;
    const transition = nextTransition(host, {
      ...this.#environment(host),
    });
    if (!transition || transition.reason !== reason) {
      this.#reconcile(host);
      return;
    }
    try {
      this.#write(host, transition);
    } catch (error) {
      // The host changed meanwhile: its event reconciles it again.
      this.lastError = error as Error;
      return;
    }
    if (transition.reason !== 'FinalizerAdded')
      recordEvent(
        this.#store,
        host,
        {
          type: WARNINGS.includes(transition.reason) ? 'Warning' : 'Normal',
          reason: transition.reason,
          message: transition.message,
        },
        'metal3-baremetal-controller',
      );
    const after = this.#store.get(BMH, namespace, name);
    if (after) this.#reconcile(after);
  }

  #write(host: KubeObject, transition: Transition): void {
    let current = host;
    if (transition.addFinalizer) {
      const next = structuredClone(current);
      next.metadata.finalizers = [
        ...(next.metadata.finalizers ?? []),
        'baremetalhost.metal3.io',
      ];
      this.#store.update(BMH, next);
      return;
    }
    if (transition.removeAnnotations || transition.removeFinalizer) {
      const next = structuredClone(current);
      for (const key of transition.removeAnnotations ?? [])
        delete next.metadata.annotations?.[key];
      if (transition.removeFinalizer) {
        next.metadata.finalizers = (next.metadata.finalizers ?? []).filter(
          f => f !== 'baremetalhost.metal3.io',
        );
      }
      current = this.#store.update(BMH, next);
      if (transition.removeFinalizer) return;
    }
    if (transition.status) {
      this.#store.update(
        BMH,
        { ...current, status: transition.status },
        { subresource: 'status' },
      );
      if (transition.status.poweredOn !== current.status?.poweredOn)
        this.#options.onPowered?.(
          current,
          Boolean(transition.status.poweredOn),
        );
    }
  }

  #environment(host: KubeObject): HostEnvironment {
    const busyHosts = this.#busy.size - (this.#busy.has(idOf(host)) ? 1 : 0);
    return {
      now: new Date(),
      checkCredentials: h => this.#options.checkCredentials(h),
      ...(this.#options.credentialsVersion && {
        credentialsVersion: this.#options.credentialsVersion,
      }),
      inspect: h => this.#options.inspect(h),
      busyHosts,
      provisioningLimit: this.#options.provisioningLimit ?? 20,
    };
  }

  #cancel(id: string): void {
    const pending = this.#pending.get(id);
    if (pending) clearTimeout(pending.timer);
    this.#pending.delete(id);
  }
}

function idOf(object: KubeObject): string {
  return `${object.metadata.namespace}/${object.metadata.name}`;
}

export type { CredentialCheck };
