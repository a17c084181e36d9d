/**
 * The lab could not listen because another process holds the address: a
 * second `yarn lab`, or a local Kubernetes (kind, k3d, Docker Desktop) on
 * 6443. Names the port and the config key that moves it, so the portal can
 * say what to do instead of crashing.
 */
export class LabPortTakenError extends Error {
  constructor(
    readonly address: string,
    readonly port: number,
    /** What wanted the port, e.g. "the API server of kube-dc-mgmt". */
    readonly user: string,
    /** The config key that moves or removes what wanted it. */
    readonly configKey: string,
  ) {
    super(
      `port ${port} on ${address} is taken by another process (EADDRINUSE): ${user} cannot listen there`,
    );
    this.name = 'LabPortTakenError';
  }
}

/** A listen error in the lab's words: a taken port becomes a LabPortTakenError. */
export function listenFailure(
  error: unknown,
  target: { address: string; port: number; user: string; configKey: string },
): Error {
  if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    return new LabPortTakenError(
      target.address,
      target.port,
      target.user,
      target.configKey,
    );
  }
  return new Error(
    `${target.user} cannot listen on ${target.address}:${target.port}: ${
      (error as Error)?.message ?? error
    }`,
  );
}
