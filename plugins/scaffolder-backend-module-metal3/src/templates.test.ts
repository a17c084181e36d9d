import { mockServices } from '@backstage/backend-test-utils';
import { InMemoryClusterService } from '@internal/plugin-metal3-node/testUtils';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'yaml';
import { createEnrollHostAction } from './actions/enrollHost';
import { createRenderManifestsAction } from './actions/renderManifests';

/** The templates the portal ships (examples/templates), checked against the actions. */
const TEMPLATES = resolve(__dirname, '../../../examples/templates');

const actions = [
  createRenderManifestsAction(),
  createEnrollHostAction({
    clusters: new InMemoryClusterService([]),
    permissions: mockServices.permissions(),
    auditor: mockServices.auditor.mock(),
  }),
];

function inputKeys(action: (typeof actions)[number]): string[] {
  const schema: any = action.schema?.input;
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
