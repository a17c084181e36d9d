import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/*
 * The portal runs as two replicas (docs/operations.md, "Replicas"). That is
 * only right while what they share is shared: the production database is
 * PostgreSQL (SQLite in memory would give each replica its own operations,
 * catalog and scheduler locks), upgrades never stop the last serving pod,
 * and voluntary disruptions leave one replica up.
 */

const REPO = join(__dirname, '../../../..');

const portal = parseAllDocuments(
  readFileSync(join(REPO, 'deploy/kubernetes/portal.yaml'), 'utf8'),
).map(doc => doc.toJS());
const deployment = portal.find(
  o => o.kind === 'Deployment' && o.metadata.name === 'metal3-portal',
);

describe('deploy/kubernetes/portal.yaml: replicas', () => {
  it('runs two replicas and rolls upgrades without stopping the last serving pod', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
  });

  it('keeps one replica through voluntary disruptions (node drains)', () => {
    const budget = portal.find(o => o.kind === 'PodDisruptionBudget');
    expect(budget.spec.minAvailable).toBe(1);
    expect(budget.metadata.namespace).toBe(deployment.metadata.namespace);
    expect(deployment.spec.template.metadata.labels).toMatchObject(
      budget.spec.selector.matchLabels,
    );
  });

  it('shares one PostgreSQL database between the replicas', () => {
    const production = parse(
      readFileSync(join(REPO, 'app-config.production.yaml'), 'utf8'),
    );
    expect(production.backend.database.client).toBe('pg');
  });
});
