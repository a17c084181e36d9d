import { ObjectStore } from '../../kube/ObjectStore';
import { KubeObject } from '../../types';

/** What every simulated CAPI/CAPM3 reconcile function gets. */
export interface ControllerContext {
  store: ObjectStore;
  /** Ask for another pass over the namespace after `realMs` of real time (divided by the lab speed). */
  requeue(namespace: string, realMs: number): void;
  event(
    object: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void;
  now(): Date;
  /** Time compression of the lab: real durations are divided by it. */
  speed: number;
}
