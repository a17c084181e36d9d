import type { Config } from '@backstage/config';
import {
  ControllerRule,
  DEFAULT_BMC_CREDENTIALS_MAX_AGE_DAYS,
  DEFAULT_CONTROLLER_RULES,
  DEFAULT_JOIN_TIMEOUT_MINUTES,
  DEFAULT_WORKER_LABEL_RULES,
  NodeLabelRule,
} from '@metal3-fleet/plugin-metal3-common';

/** A trunk NIC name configured for the workers of one pool. *
/** A trunk NIC name configured for the workers of one pool. * @public
/** A trunk NIC name configured for the workers of one pool. */
export interface TrunkNicSetting {
  /** Cluster name; absent: every cluster. */
  cluster?: string;
  namespace: string;
  pool: string;
  nic: string;
}

/** `metal3.checks`: what the runbook checks look for, and how often they look. *
/** `metal3.checks`: what the runbook checks look for, and how often they look. * @public
/** `metal3.checks`: what the runbook checks look for, and how often they look. */
export interface ChecksSettings {
  /** How long a cluster's evaluation is served before the next request evaluates again. */
  cacheSeconds: number;
  controllers: readonly ControllerRule[];
  workerLabelRules: readonly NodeLabelRule[];
  expectedVlans: Record<string, string[]>;
  trunkNics: TrunkNicSetting[];
  credentialsMaxAgeDays: number;
  joinTimeoutMinutes: number;
  expectNodeReuse: boolean;
  /** Minutes between background BMC and catalog reads for the drift checks; 0: only when a host page asks. */
  driftIntervalMinutes: number;
}

const SEVERITIES = ['error', 'warning', 'info'] as const;

/**
 * Reads `metal3.checks`; every error names the key. Controllers merge with
 * the defaults by `id` (an installation moves a controller by giving its id
 * and new namespaces or labels; a new id adds one); the worker label rules
 * replace the guide's table when given.
 *
 * @public
 */
export function readChecksSettings(config: Config): ChecksSettings {
  const checks = config.getOptionalConfig('metal3.checks');
  const positive = (key: string, fallback: number, allowZero = false) => {
    const value = checks?.getOptionalNumber(key);
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
      throw new Error(
        `metal3.checks.${key}: must be a number ${
          allowZero ? '≥ 0' : '> 0'
        }, got ${value}`,
      );
    }
    return value;
  };
  return {
    cacheSeconds: positive('cacheSeconds', 15),
    controllers: readControllers(checks),
    workerLabelRules: readLabelRules(checks),
    expectedVlans: readExpectedVlans(checks),
    trunkNics: (checks?.getOptionalConfigArray('trunkNics') ?? []).map(c => ({
      ...(c.getOptionalString('cluster') && {
        cluster: c.getString('cluster'),
      }),
      namespace: c.getString('namespace'),
      pool: c.getString('pool'),
      nic: c.getString('nic'),
    })),
    credentialsMaxAgeDays: positive(
      'credentialsMaxAgeDays',
      DEFAULT_BMC_CREDENTIALS_MAX_AGE_DAYS,
    ),
    joinTimeoutMinutes: positive(
      'joinTimeoutMinutes',
      DEFAULT_JOIN_TIMEOUT_MINUTES,
    ),
    expectNodeReuse: checks?.getOptionalBoolean('expectNodeReuse') ?? true,
    driftIntervalMinutes: positive('drift.intervalMinutes', 30, true),
  };
}

function readControllers(checks: Config | undefined): ControllerRule[] {
  const configured = checks?.getOptionalConfigArray('controllers') ?? [];
  const rules = new Map<string, ControllerRule>(
    DEFAULT_CONTROLLER_RULES.map(r => [r.id, r]),
  );
  configured.forEach((entry, i) => {
    const id = entry.getString('id');
    const base = rules.get(id);
    const namespaces = entry.getOptionalStringArray('namespaces');
    const labels = entry.getOptionalConfig('matchLabels');
    if (!base && (!namespaces || !labels)) {
      throw new Error(
        `metal3.checks.controllers[${i}]: "${id}" is not a known controller (${DEFAULT_CONTROLLER_RULES.map(
          r => r.id,
        ).join(', ')}); a new one needs namespaces and matchLabels`,
      );
    }
    if (namespaces && namespaces.length === 0) {
      throw new Error(
        `metal3.checks.controllers[${i}].namespaces: name at least one namespace`,
      );
    }
    rules.set(id, {
      id,
      title: entry.getOptionalString('title') ?? base?.title ?? id,
      namespaces: namespaces ?? base!.namespaces,
      selector: labels
        ? {
            matchLabels: Object.fromEntries(
              labels.keys().map(key => [key, labels.getString(key)]),
            ),
          }
        : base!.selector,
      install: base?.install ?? {
        text: `Install ${entry.getOptionalString('title') ?? id}.`,
        guide: 'Phase 1 — Install the Metal3 stack',
        commands: [],
      },
    });
  });
  return [...rules.values()];
}

function readLabelRules(checks: Config | undefined): readonly NodeLabelRule[] {
  const configured = checks?.getOptionalConfigArray('workerLabelRules');
  if (!configured) return DEFAULT_WORKER_LABEL_RULES;
  return configured.map((rule, i) => {
    const require = rule.getString('require');
    if (require !== 'absent' && require !== 'present') {
      throw new Error(
        `metal3.checks.workerLabelRules[${i}].require: "${require}" is not absent or present`,
      );
    }
    const severity = rule.getOptionalString('severity') ?? 'warning';
    if (!(SEVERITIES as readonly string[]).includes(severity)) {
      throw new Error(
        `metal3.checks.workerLabelRules[${i}].severity: "${severity}" is not one of ${SEVERITIES.join(
          ', ',
        )}`,
      );
    }
    const key = rule.getString('key');
    const value = rule.getOptionalString('value');
    return {
      key,
      ...(value !== undefined && { value }),
      require,
      severity: severity as NodeLabelRule['severity'],
      why:
        rule.getOptionalString('why') ??
        `${
          value === undefined ? key : `${key}=${value}`
        } must be ${require} on workers (metal3.checks.workerLabelRules[${i}])`,
      ...(rule.getOptionalString('setValue') && {
        setValue: rule.getString('setValue'),
      }),
    };
  });
}

function readExpectedVlans(
  checks: Config | undefined,
): Record<string, string[]> {
  const vlans = checks?.getOptionalConfig('expectedVlans');
  if (!vlans) return {};
  return Object.fromEntries(
    vlans.keys().map(network => [network, vlans.getStringArray(network)]),
  );
}

/** The namespaces whose Deployments the stack check reads: every controller's. *
/** The namespaces whose Deployments the stack check reads: every controller's. * @public
/** The namespaces whose Deployments the stack check reads: every controller's. */
export function controllerNamespaces(settings: {
  controllers: readonly ControllerRule[];
}): string[] {
  return [...new Set(settings.controllers.flatMap(r => r.namespaces))].sort();
}
