import {
  InformerState,
  ResourceInformer,
  ResourceInformerOptions,
} from './ResourceInformer';

/**
 * One resource watched in a few namespaces, one informer each, served as one
 * collection (keys are `namespace/name` either way). A namespace that cannot
 * be listed (RBAC grants only some) fails alone: the others keep serving,
 * and `namespaceStates` says which one failed and why.
 */
export class NamespacedInformers<P extends { resourceVersion: string }> {
  readonly #informers: Map<string, ResourceInformer<P>>;

  constructor(
    namespaces: readonly string[],
    options: (namespace: string) => ResourceInformerOptions<P>,
  ) {
    this.#informers = new Map(
      [...new Set(namespaces)].map(ns => [
        ns,
        new ResourceInformer(options(ns)),
      ]),
    );
  }

  start(): void {
    for (const informer of this.#informers.values()) informer.start();
  }

  stop(): void {
    for (const informer of this.#informers.values()) informer.stop();
  }

  async whenSynced(): Promise<void> {
    await Promise.all([...this.#informers.values()].map(i => i.whenSynced()));
  }

  /** Synced when every namespace listed; failing when any does. */
  get state(): InformerState {
    const states = [...this.#informers.values()].map(i => i.state);
    const failing = states.filter(s => s.failing);
    return {
      synced: states.every(s => s.synced),
      failing: failing.length > 0,
      ...(failing[0] && {
        lastError: failing[0].lastError,
        cause: failing[0].cause,
        staleSince: failing[0].staleSince,
      }),
    };
  }

  /** The state of each namespace's informer. */
  namespaceStates(): Record<string, InformerState> {
    return Object.fromEntries(
      [...this.#informers].map(([ns, informer]) => [ns, informer.state]),
    );
  }

  get(key: string): P | undefined {
    const namespace = key.slice(0, key.indexOf('/'));
    return this.#informers.get(namespace)?.get(key);
  }

  *values(): IterableIterator<P> {
    for (const informer of this.#informers.values()) yield* informer.values();
  }

  get size(): number {
    let size = 0;
    for (const informer of this.#informers.values()) size += informer.size;
    return size;
  }

  dropWatch(): void {
    for (const informer of this.#informers.values()) informer.dropWatch();
  }
}
