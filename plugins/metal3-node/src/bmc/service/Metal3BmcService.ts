import { InputError, NotAllowedError } from '@backstage/errors';
import {
  BmcPreflightRequest,
  BmcPreflightResponse,
} from '@metal3-fleet/plugin-metal3-common';
import type { Metal3ClusterService } from '../../cluster/Metal3ClusterService';
import type { GuardVerdict } from '../ssrf';
import { BmcTarget } from '../types';
import {
  BmcReaderFactory,
  BmcTelemetryOptions,
  BmcTelemetryService,
} from './BmcTelemetryService';
import { readBmcCredentials } from './hostCredentials';
import { runPreflight } from './preflight';

/** The host whose Secret a preflight `credentialsRef` borrows. */
export interface CredentialsOwner {
  cluster: string;
  namespace: string;
  name: string;
}

/** What the caller of a preflight vouches for. */
export interface PreflightAccess {
  /**
   * Rejects (a NotAllowedError, say) unless the caller may read `host`.
   * Required for a `credentialsRef`: borrowing a host's BMC password is
   * reading that host. The service knows no permissions; its caller does.
   */
  authorizeHost?: (host: CredentialsOwner) => Promise<void>;
}

/** Read-only BMC access for the backend plugin and the scaffolder actions. */
export interface Metal3BmcService {
  /** Enrollment checks; see {@link runPreflight}. */
  preflight(
    request: BmcPreflightRequest,
    access?: PreflightAccess,
  ): Promise<BmcPreflightResponse>;
  readonly telemetry: BmcTelemetryService;
}

export class DefaultMetal3BmcService implements Metal3BmcService {
  readonly telemetry: BmcTelemetryService;
  readonly #clusters: Metal3ClusterService;
  readonly #guard: (host: string) => Promise<GuardVerdict>;
  readonly #openReader: BmcReaderFactory;
  readonly #readCredentials: typeof readBmcCredentials;

  constructor(
    options: BmcTelemetryOptions & {
      guard: (host: string) => Promise<GuardVerdict>;
    },
  ) {
    this.#clusters = options.clusters;
    this.#guard = options.guard;
    this.#openReader = options.openReader;
    this.#readCredentials = options.readCredentials ?? readBmcCredentials;
    this.telemetry = new BmcTelemetryService(options);
  }

  async preflight(
    request: BmcPreflightRequest,
    access: PreflightAccess = {},
  ): Promise<BmcPreflightResponse> {
    const target: BmcTarget = {
      address: request.address,
      username: request.username ?? '',
      password: request.password ?? '',
      disableCertificateVerification: request.disableCertificateVerification,
    };
    if (request.credentialsRef) {
      if (request.password) {
        throw new InputError(
          'password: give a password or a credentialsRef, not both',
        );
      }
      Object.assign(target, await this.#credentialsOf(request, access));
    }
    const controller = new AbortController();
    try {
      return await runPreflight(target, {
        guard: this.#guard,
        openReader: t => this.#openReader(t, { signal: controller.signal }),
      });
    } finally {
      controller.abort();
    }
  }

  /**
   * A Secret's credentials, only for the address of a host that references
   * it (anything else would let a caller send an enrolled host's password
   * to a BMC address of their choosing), only for a caller who may read that
   * host, and with that host's own `disableCertificateVerification`: the
   * request's flag must not switch off TLS verification for a password it
   * did not bring.
   */
  async #credentialsOf(
    request: BmcPreflightRequest,
    access: PreflightAccess,
  ): Promise<
    Pick<BmcTarget, 'username' | 'password' | 'disableCertificateVerification'>
  > {
    const ref = request.credentialsRef!;
    if (!this.#clusters.listClusters().some(c => c.name === ref.cluster)) {
      throw new InputError(
        `credentialsRef.cluster: no cluster ${ref.cluster} in metal3.clusters`,
      );
    }
    const cache = this.#clusters.getCluster(ref.cluster);
    const owner = cache
      .list('baremetalhosts')
      .find(
        h =>
          h.namespace === ref.namespace &&
          h.credentialsName === ref.name &&
          h.bmcAddress === request.address,
      );
    if (!owner) {
      throw new InputError(
        `credentialsRef: Secret ${ref.namespace}/${ref.name} may only be used with the BMC address of a host that references it`,
      );
    }
    if (!access.authorizeHost) {
      // Fail closed: a caller that checks nothing gets nothing.
      throw new NotAllowedError(
        'credentialsRef: the caller did not check read permission on the host that uses the Secret',
      );
    }
    await access.authorizeHost({
      cluster: ref.cluster,
      namespace: owner.namespace ?? ref.namespace,
      name: owner.name,
    });
    return {
      ...(await this.#readCredentials(cache, ref.namespace, ref.name)),
      disableCertificateVerification: Boolean(
        owner.disableCertificateVerification,
      ),
    };
  }
}
