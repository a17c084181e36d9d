import { labAdminRequest } from '../admin/adminClient';
import { FaultRequest } from './faultRequest';

export const FAULT_USAGE = `Usage: yarn lab fault [--cluster NAME] [--kubeconfig FILE] FAULT...

Sets faults on a running lab through its admin endpoint (POST /lab/v1/faults).
  --unavailable SECONDS      the API server answers 503 (0 ends it)
  --throttle SECONDS         every API request answers 429, as API Priority
                             and Fairness rejecting it (0 ends it)
  --latency MS               added latency per API response (0 clears)
  --conflicts N              the next N writes answer 409 Conflict
  --drop-watches             close every open watch now
  --bmc-hang NS/NAME         the host's BMC accepts connections, never answers
  --bmc-reject NS/NAME       the host's BMC rejects every credential
  --bmc-ok NS/NAME           clears the host's BMC fault
  --fail-inspection NS/NAME  inspections of the host fail
  --pass-inspection NS/NAME  clears it
  --show                     prints the faults in force
Defaults: --cluster kube-dc-mgmt, --kubeconfig .lab/kubeconfig`;

/** Parses `yarn lab fault` arguments into the target and a fault request. */
export function parseFaultArgs(argv: string[]): {
  cluster: string;
  kubeconfig?: string;
  request?: FaultRequest;
} {
  let cluster = 'kube-dc-mgmt';
  let kubeconfig: string | undefined;
  const request: FaultRequest = {};
  let show = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined)
        throw new Error(`${arg} needs a value\n\n${FAULT_USAGE}`);
      return v;
    };
    const count = () => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < 0)
        throw new Error(`${arg}: "${argv[i]}" is not a non-negative number`);
      return v;
    };
    switch (arg) {
      case '--cluster':
        cluster = value();
        break;
      case '--kubeconfig':
        kubeconfig = value();
        break;
      case '--unavailable':
        request.unavailableSeconds = count();
        break;
      case '--throttle':
        request.throttleSeconds = count();
        break;
      case '--latency':
        request.latencyMs = count();
        break;
      case '--conflicts':
        request.conflicts = count();
        break;
      case '--drop-watches':
        request.dropWatches = true;
        break;
      case '--bmc-hang':
        request.bmc = { host: value(), fault: 'hang' };
        break;
      case '--bmc-reject':
        request.bmc = { host: value(), fault: 'reject-credentials' };
        break;
      case '--bmc-ok':
        request.bmc = { host: value(), fault: 'none' };
        break;
      case '--fail-inspection':
        request.failInspection = { host: value(), fail: true };
        break;
      case '--pass-inspection':
        request.failInspection = { host: value(), fail: false };
        break;
      case '--show':
        show = true;
        break;
      default:
        throw new Error(`Unknown argument "${arg}"\n\n${FAULT_USAGE}`);
    }
  }
  if (!show && Object.keys(request).length === 0) throw new Error(FAULT_USAGE);
  return {
    cluster,
    kubeconfig,
    request: show && Object.keys(request).length === 0 ? undefined : request,
  };
}

/** Sends the request to the cluster named in the kubeconfig; resolves with the faults in force. */
export function sendFaults(
  kubeconfigPath: string,
  cluster: string,
  request?: FaultRequest,
): Promise<unknown> {
  return labAdminRequest({
    kubeconfigPath,
    cluster,
    method: request ? 'POST' : 'GET',
    path: '/lab/v1/faults',
    body: request,
  });
}
