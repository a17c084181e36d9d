import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { Metal3ClusterConfig } from '@internal/plugin-metal3-node';
import { clusterToEntity } from '../mappers/clusterToEntity';

/**
 * One provider per configured cluster, so that a cluster that cannot be read
 * only ever affects its own entities (a `full` mutation replaces everything
 * a provider emitted before).
 */
export class Metal3ClusterEntityProvider implements EntityProvider {
  readonly #cluster: Metal3ClusterConfig;
  readonly #owner: string;
  readonly #logger: LoggerService;
  #connection?: EntityProviderConnection;

  constructor(options: {
    cluster: Metal3ClusterConfig;
    owner: string;
    logger: LoggerService;
  }) {
    this.#cluster = options.cluster;
    this.#owner = options.owner;
    this.#logger = options.logger.child({ cluster: options.cluster.name });
  }

  getProviderName(): string {
    return `metal3:${this.#cluster.name}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.#connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const providerName = this.getProviderName();
    const entity = clusterToEntity(this.#cluster, {
      providerName,
      owner: this.#owner,
    });
    await this.#connection.applyMutation({
      type: 'full',
      entities: [{ entity, locationKey: providerName }],
    });
    this.#logger.debug(`Applied cluster entity ${entity.metadata.name}`);
  }
}
