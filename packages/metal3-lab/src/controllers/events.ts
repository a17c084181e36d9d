import { ObjectStore } from '../kube/ObjectStore';
import { KubeObject } from '../types';

const EVENTS = { group: '', resource: 'events' };

/**
 * Records a core/v1 Event about an object, the way client-go's recorder
 * does: a repeat of the same reason on the same object bumps `count` and
 * `lastTimestamp` of one Event instead of adding another.
 */
export function recordEvent(
  store: ObjectStore,
  object: KubeObject,
  event: { type: 'Normal' | 'Warning'; reason: string; message: string },
  component: string,
): void {
  const namespace = object.metadata.namespace ?? 'default';
  const name = `${object.metadata.name}.${event.reason.toLowerCase()}`;
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const existing = store.get(EVENTS, namespace, name);
  try {
    if (existing) {
      store.update(EVENTS, {
        ...existing,
        message: event.message,
        count: Number(existing.count ?? 1) + 1,
        lastTimestamp: now,
      });
      return;
    }
    store.create(EVENTS, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: object.apiVersion,
        kind: object.kind,
        name: object.metadata.name,
        namespace: object.metadata.namespace,
        uid: object.metadata.uid,
      },
      type: event.type,
      reason: event.reason,
      message: event.message,
      source: { component },
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    });
  } catch {
    // Events are best effort, as in Kubernetes.
  }
}
