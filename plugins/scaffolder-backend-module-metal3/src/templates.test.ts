import { mockServices } from '@backstage/backend-test-utils';
import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'yaml';
import { FIX_TEMPLATES } from '@metal3-fleet/plugin-metal3-common';
import { createCreatePoolAction } from './actions/createPool';
import { createEnrollBatchAction } from './actions/enrollBatch';
import { createEnrollHostAction } from './actions/enrollHost';
import { createRemoveHostAction } from './actions/removeHost';
import { createRenderManifestsAction } from './actions/renderManifests';
import { createRotateCredentialsAction } from './actions/rotateCredentials';
import { createScalePoolAction } from './actions/scalePool';
import { createUpdateProviderNetworkAction } from './actions/updateProviderNetwork';
import { createUpgradePoolAction } from './actions/upgradePool';

/** The templates the portal ships (examples/templates), checked against the actions. */
const TEMPLATES = resolve(__dirname, '../../../examples/templates');

const options = {
  clusters: new InMemoryClusterService([]),
  permissions: mockServices.permissions(),
  auditor: mockServices.auditor.mock(),
};
const actions = [
  createRenderManifestsAction(),
  createEnrollHostAction(options),
  createEnrollBatchAction(options),
  createScalePoolAction(options),
  createCreatePoolAction(options),
  createUpgradePoolAction(options),
  createRemoveHostAction(options),
  createUpdateProviderNetworkAction(options),
  createRotateCredentialsAction(options),
];

function inputKeys(action: (typeof actions)[number]): string[] {
  const schema: any = action.schema?.input;
  return Object.keys(schema?.properties ?? schema ?? {});
}

function outputKeys(action: (typeof actions)[number]): string[] {
  const schema: any = action.schema?.output;
  return Object.keys(schema?.properties ?? schema ?? {});
}

const templates = readdirSync(TEMPLATES, { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => ({
    name: d.name,
    template: yaml.parse(
      readFileSync(join(TEMPLATES, d.name, 'template.yaml'), 'utf8'),
    ),
  }));

describe('shipped templates', () => {
  it('exist', () => {
    expect(templates.length).toBeGreaterThan(0);
  });

  it.each(templates)(
    '$name uses only metal3 actions with inputs they declare',
    ({ template }) => {
      expect(template.kind).toBe('Template');
      for (const step of template.spec.steps) {
        const action = actions.find(a => a.id === step.action);
        expect({ step: step.id, known: Boolean(action) }).toEqual({
          step: step.id,
          known: true,
        });
        const unknown = Object.keys(step.input).filter(
          k => !inputKeys(action!).includes(k),
        );
        expect({ step: step.id, unknown }).toEqual({
          step: step.id,
          unknown: [],
        });
      }
    },
  );

  it('are all registered in the catalog location the portal loads', () => {
    const location = yaml.parse(
      readFileSync(join(TEMPLATES, 'catalog-info.yaml'), 'utf8'),
    );
    expect([...location.spec.targets].sort()).toEqual(
      templates.map(t => `./${t.name}/template.yaml`).sort(),
    );
    // Every template of the issue is shipped.
    expect(templates.map(t => t.name).sort()).toEqual(
      [
        'create-pool',
        'enroll-host',
        'enroll-hosts',
        'remove-host',
        'rotate-bmc-credentials',
        'scale-pool',
        'update-provider-network',
        'upgrade-pool',
      ].sort(),
    );
  });

  // The runbook checks' fixes link these templates with their parameters
  // filled in (metal3-common checks/catalogue.ts FIX_TEMPLATES).
  it.each([
    [
      'upgradePool',
      [
        'cluster',
        'namespace',
        'pool',
        'imageUrl',
        'imageChecksum',
        'imageFormat',
        'kubernetesVersion',
      ],
    ],
    [
      'updateProviderNetwork',
      ['cluster', 'providerNetwork', 'namespace', 'pool', 'nicName'],
    ],
    ['rotateBmcCredentials', ['cluster', 'namespace', 'host']],
  ] as const)(
    'fix template %s exists, runs its action and takes the values a fix prefills',
    (key, prefilled) => {
      const fix = FIX_TEMPLATES[key];
      const shipped = templates.find(
        t => t.template.metadata.name === fix.name,
      );
      expect(shipped?.template.metadata.name).toBe(fix.name);
      expect(shipped!.template.spec.steps.map((s: any) => s.action)).toContain(
        fix.action,
      );
      const declared = shipped!.template.spec.parameters.flatMap((p: any) =>
        Object.keys(p.properties ?? {}),
      );
      expect(prefilled.filter(k => !declared.includes(k))).toEqual([]);
    },
  );

  it.each(templates)(
    '$name refers only to parameters it declares and outputs its actions have',
    ({ template }) => {
      const declared = template.spec.parameters.flatMap((p: any) =>
        Object.keys(p.properties ?? {}),
      );
      const text = JSON.stringify([template.spec.steps, template.spec.output]);
      const used = [...text.matchAll(/parameters\.(\w+)/g)].map(m => m[1]);
      expect(used.filter(p => !declared.includes(p))).toEqual([]);
      for (const [, stepId, key] of text.matchAll(
        /steps\.(\w+)\.output\.(\w+)/g,
      )) {
        const step = template.spec.steps.find((s: any) => s.id === stepId);
        const action = actions.find(a => a.id === step?.action);
        expect({
          stepId,
          key,
          known: outputKeys(action!).includes(key),
        }).toEqual({
          stepId,
          key,
          known: true,
        });
      }
    },
  );

  it.each(actions.map(a => ({ id: a.id, action: a })))(
    '$id has examples that parse as YAML and use only its inputs',
    ({ action }) => {
      for (const example of action.examples ?? []) {
        const parsed = yaml.parse(example.example);
        for (const step of parsed.steps) {
          expect(step.action).toBe(action.id);
          const unknown = Object.keys(step.input).filter(
            k => !inputKeys(action).includes(k),
          );
          expect(unknown).toEqual([]);
        }
      }
    },
  );

  it.each(templates)(
    '$name takes BMC passwords only through the Secret widget',
    ({ template }) => {
      const fields = template.spec.parameters.flatMap((p: any) =>
        Object.entries(p.properties ?? {}),
      ) as [string, any][];
      const passwordWidgets = fields
        .filter(([name]) => /password/i.test(name))
        .map(([name, field]) => [name, field['ui:field']]);
      expect(passwordWidgets.every(([, widget]) => widget === 'Secret')).toBe(
        true,
      );
      expect(JSON.stringify(template.spec.steps)).not.toMatch(
        /parameters\.\w*[pP]assword/,
      );
    },
  );
});
