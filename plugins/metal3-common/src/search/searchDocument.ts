/**
 * What the portal adds to the catalog's search documents of hosts and worker
 * pools (the search module in plugin-catalog-backend-module-metal3 writes
 * them when the search index is built, the Metal3 search result item reads
 * them). Flat strings: the search engines index documents field by field.
 *
 * The entities themselves hold no status on purpose (a status change would
 * rewrite the entity; see hostToEntity), so the status is the live one at the
 * time the index was built (`search.collators.catalog.schedule`).
 *
 * @public
 */
export interface Metal3SearchFields {
  /** The management cluster (the portal's cluster name, metal3.clusters[].name). */
  metal3Cluster?: string;
  /** The workload cluster of a pool or of the pool a host serves, when there is one. */
  metal3WorkloadCluster?: string;
  /** The status label the fleet page shows, e.g. "Provisioned", "Registration error", "Healthy". */
  metal3Status?: string;
  /** How the status reads at a glance. */
  metal3StatusTone?: Metal3StatusTone;
  /** When the status was read (ISO 8601), i.e. when the index was built. */
  metal3StatusAt?: string;
}

/** @public */
export type Metal3StatusTone = 'ok' | 'progressing' | 'attention' | 'error';
