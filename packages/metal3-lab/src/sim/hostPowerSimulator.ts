import { ObjectStore } from '../kube/ObjectStore';
import { KubeObject, StoreEvent } from '../types';

const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };
const SETTLED = ['available', 'ready', 'provisioned', 'externally provisioned'];

/**
 * The part of baremetal-operator the portal's host operations depend on, as
 * Ironic would play it: power follows `spec.online` on settled hosts (not on
 * detached ones), the `reboot.metal3.io` annotation power-cycles the host and
 * is removed when power is back (the keyed form holds power off until its
 * owner removes it), and `inspect.metal3.io` on an available host runs an
 * inspection. Delays are real-world durations divided by `speed`.
 *
 * This is the first slice of the simulated controllers; registration,
 * provisioning and the CAPI controllers come with the lab's controller work.
 */
export class HostPowerSimulator {
  readonly #store: ObjectStore;
  readonly #speed: number;
  readonly #pending = new Map<string, NodeJS.Timeout>();
  readonly #unsubscribe: () => void;

  constructor(store: ObjectStore, options: { speed?: number } = {}) {
    this.#store = store;
    this.#speed = options.speed ?? 1;
    this.#unsubscribe = store.subscribe(event => this.#onEvent(event));
    for (const host of store.list(BMH)) this.#reconcile(host);
  }

  stop(): void {
    this.#unsubscribe();
    for (const timer of this.#pending.values()) clearTimeout(timer);
  }

  #onEvent(event: StoreEvent): void {
    if (event.key.group !== BMH.group || event.key.resource !== BMH.resource)
      return;
    if (event.type === 'DELETED') return;
    this.#reconcile(event.object);
  }

  #reconcile(host: KubeObject): void {
    const id = `${host.metadata.namespace}/${host.metadata.name}`;
    if (this.#pending.has(id)) return;
    const annotations = host.metadata.annotations ?? {};
    const state = host.status?.provisioning?.state;
    const detached = 'baremetalhost.metal3.io/detached' in annotations;
    const paused = 'baremetalhost.metal3.io/paused' in annotations;
    if (paused || detached || !SETTLED.includes(state)) return;

    const heldOff = Object.keys(annotations).some(k =>
      k.startsWith('reboot.metal3.io/'),
    );
    if ('reboot.metal3.io' in annotations && !heldOff) {
      // Power off (seconds), then on (a server boot takes a minute or two).
      this.#later(id, 5_000, () => {
        this.#patchStatus(host, { poweredOn: false });
        this.#later(id, 60_000, () => {
          const current = this.#get(host);
          if (!current) return;
          delete current.metadata.annotations!['reboot.metal3.io'];
          const updated = this.#store.update(BMH, current);
          this.#patchStatus(updated, {
            poweredOn: current.spec?.online !== false,
          });
        });
      });
      return;
    }
    if (
      annotations['inspect.metal3.io'] === '' &&
      (state === 'available' || state === 'ready')
    ) {
      this.#later(id, 2_000, () => {
        const current = this.#get(host);
        if (!current) return;
        delete current.metadata.annotations!['inspect.metal3.io'];
        const updated = this.#store.update(BMH, current);
        const started = new Date().toISOString();
        const inspecting = this.#patchStatus(updated, {
          provisioning: { ...updated.status.provisioning, state: 'inspecting' },
          operationHistory: {
            ...updated.status.operationHistory,
            inspect: { start: started, end: '' },
          },
        });
        // Inspection boots a ramdisk: minutes on real hardware.
        this.#later(id, 8 * 60_000, () =>
          this.#patchStatus(inspecting, {
            provisioning: {
              ...inspecting.status.provisioning,
              state: 'available',
            },
            operationHistory: {
              ...inspecting.status.operationHistory,
              inspect: { start: started, end: new Date().toISOString() },
            },
          }),
        );
      });
      return;
    }
    const wanted = heldOff ? false : host.spec?.online !== false;
    if (host.status?.poweredOn !== wanted) {
      // Ironic applies a power change through the BMC within seconds.
      this.#later(id, 8_000, () =>
        this.#patchStatus(host, { poweredOn: wanted }),
      );
    }
  }

  #later(id: string, realMs: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.#pending.delete(id);
      try {
        work();
      } catch {
        // The host changed or went away meanwhile; the next event reconciles.
      }
      const current = this.#store.get(BMH, id.split('/')[0], id.split('/')[1]);
      if (current) this.#reconcile(current);
    }, realMs / this.#speed);
    timer.unref();
    this.#pending.set(id, timer);
  }

  #get(host: KubeObject): KubeObject | undefined {
    return this.#store.get(BMH, host.metadata.namespace, host.metadata.name!);
  }

  #patchStatus(host: KubeObject, status: Record<string, unknown>): KubeObject {
    const current = this.#get(host);
    if (!current) return host;
    return this.#store.update(
      BMH,
      {
        ...current,
        status: {
          ...current.status,
          ...status,
          lastUpdated: new Date().toISOString(),
        },
      },
      { subresource: 'status' },
    );
  }
}
