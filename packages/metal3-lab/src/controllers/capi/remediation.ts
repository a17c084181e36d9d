import { KubeObject } from '../../types';
import { ControllerContext } from './context';
import { nowIso, R } from './resources';

/**
 * The CAPM3 Metal3Remediation controller, Reboot strategy
 * (../shared/notes/metal3.md §6.2): power the host off through the keyed
 * `reboot.metal3.io/metal3-remediation-<uid>` annotation, wait until it is
 * off, remove the annotation (the host boots), wait for the Node; retry up
 * to retryLimit after timeoutSeconds, then give up: the host is marked
 * `capm3.metal3.io/unhealthy` and the Machine is deleted for replacement.
 */
export function reconcileMetal3Remediation(
  ctx: ControllerContext,
  remediation: KubeObject,
): void {
  const { store } = ctx;
  const namespace = remediation.metadata.namespace!;
  if (remediation.metadata.deletionTimestamp) return;
  const machine = store.get(R.machine, namespace, remediation.metadata.name!);
  const m3m = machine?.spec?.infrastructureRef?.name
    ? store.get(R.m3m, namespace, machine.spec.infrastructureRef.name)
    : undefined;
  const hostName = m3m?.spec?.providerID?.split('/')[3];
  const host = hostName ? store.get(R.bmh, namespace, hostName) : undefined;
  const status = remediation.status ?? {};
  const strategy = remediation.spec?.strategy ?? {};
  const annotation = `reboot.metal3.io/metal3-remediation-${remediation.metadata.uid}`;
  if (!machine || !host) return;
  const setStatus = (next: Record<string, unknown>) =>
    store.update(
      R.m3r,
      {
        ...store.get(R.m3r, namespace, remediation.metadata.name!)!,
        status: { ...status, ...next },
      },
      { subresource: 'status' },
    );
  const annotate = (present: boolean) => {
    const latest = store.get(R.bmh, namespace, hostName!)!;
    const annotations = { ...(latest.metadata.annotations ?? {}) };
    if (present === annotation in annotations) return;
    if (present) annotations[annotation] = '{"mode":"hard"}';
    else delete annotations[annotation];
    store.update(R.bmh, {
      ...latest,
      metadata: { ...latest.metadata, annotations },
    });
  };

  if (host.spec?.online === false && status.phase !== 'Failed') {
    // Somebody powered the host off on purpose: nothing to remediate.
    setStatus({ phase: 'Failed' });
    return;
  }
  switch (status.phase ?? '') {
    case '':
      // retryCount counts attempts, this first one included (CRD minimum 1).
      setStatus({ phase: 'Running', lastRemediated: nowIso(), retryCount: 1 });
      annotate(true);
      ctx.event(
        host,
        'Normal',
        'RebootRemediation',
        `rebooting ${host.metadata.name} to remediate Machine ${machine.metadata.name}`,
      );
      return;
    case 'Running':
      annotate(true);
      if (host.status?.poweredOn === false) {
        annotate(false);
        setStatus({ phase: 'Waiting' });
      }
      return;
    case 'Waiting': {
      // A healthy machine's remediation is deleted by the MachineHealthCheck;
      // while it stays unhealthy, the timeout decides: reboot again or give up.
      const timeoutMs = (strategy.timeoutSeconds ?? 600) * 1000;
      const waited =
        (Date.now() - Date.parse(status.lastRemediated ?? nowIso())) *
        ctx.speed;
      if (waited < timeoutMs) {
        ctx.requeue(namespace, timeoutMs - waited + 100);
        return;
      }
      const attempts = status.retryCount ?? 1;
      if (attempts < (strategy.retryLimit ?? 1)) {
        setStatus({
          phase: 'Running',
          retryCount: attempts + 1,
          lastRemediated: nowIso(),
        });
        annotate(true);
        return;
      }
      setStatus({ phase: 'Deleting machine' });
      const latest = store.get(R.bmh, namespace, hostName!)!;
      latest.metadata.annotations = {
        ...(latest.metadata.annotations ?? {}),
        'capm3.metal3.io/unhealthy': '',
      };
      store.update(R.bmh, latest);
      store.delete(R.machine, namespace, machine.metadata.name!);
      ctx.event(
        host,
        'Warning',
        'RemediationFailed',
        `remediation of ${machine.metadata.name} failed after ${attempts} reboot(s): Machine deleted for replacement`,
      );
      return;
    }
    default:
  }
}
