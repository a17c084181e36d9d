import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { admitAgainstSchema } from './admitAgainstSchema';
import { crdSchemaFor } from './crdSchemas';
import { upstreamExamplesDir } from '../testing/upstreamExamples';

const EXAMPLES = upstreamExamplesDir();
const bmhSchema = () => crdSchemaFor('metal3.io', 'BareMetalHost', 'v1alpha1');

const host = (spec: object, extra: object = {}) => ({
  apiVersion: 'metal3.io/v1alpha1',
  kind: 'BareMetalHost',
  metadata: { name: 'h', namespace: 'metal3', labels: { a: 'b' } },
  spec: { online: true, ...spec },
  ...extra,
});

describe('admitAgainstSchema with the real CRDs', () => {
  it('accepts every upstream example whose kind has a CRD (status removed)', () => {
    const files = readdirSync(EXAMPLES).filter(f => f.endsWith('.yaml'));
    let checked = 0;
    for (const file of files) {
      for (const doc of parseAllDocuments(
        readFileSync(join(EXAMPLES, file), 'utf8'),
      )) {
        const object = doc.toJS();
        if (!object?.kind || !object.apiVersion?.includes('/')) continue;
        const [group, version] = object.apiVersion.split('/');
        const schema = crdSchemaFor(group, object.kind, version);
        if (!schema) continue;
        delete object.status;
        const result = admitAgainstSchema(schema, object);
        expect({ file, errors: result.errors }).toEqual({ file, errors: [] });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('names a missing required field, a wrong type and an unsupported enum value', () => {
    const { errors } = admitAgainstSchema(bmhSchema(), {
      ...host({ bootMode: 'BIOS', online: 'yes' }),
      spec: { bootMode: 'BIOS', online: 'yes', bmc: { credentialsName: 'x' } },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          field: 'spec.bmc.address',
          reason: 'FieldValueRequired',
          message: 'Required value',
        },
        expect.objectContaining({
          field: 'spec.online',
          reason: 'FieldValueTypeInvalid',
          message: expect.stringContaining('must be of type boolean'),
        }),
        expect.objectContaining({
          field: 'spec.bootMode',
          reason: 'FieldValueNotSupported',
          message: expect.stringContaining(
            'supported values: "UEFI", "UEFISecureBoot", "legacy"',
          ),
        }),
      ]),
    );
  });

  it('checks patterns (unanchored, as Go matches them)', () => {
    const bad = admitAgainstSchema(
      bmhSchema(),
      host({ bootMACAddress: 'zz:00:00:00:00:01' }),
    );
    expect(bad.errors[0]).toMatchObject({
      field: 'spec.bootMACAddress',
      reason: 'FieldValueInvalid',
    });
    expect(
      admitAgainstSchema(
        bmhSchema(),
        host({ bootMACAddress: 'AA:bb:00:00:00:01' }),
      ).errors,
    ).toEqual([]);
  });

  it('prunes unknown fields and reports their paths, keeps metadata untouched', () => {
    const result = admitAgainstSchema(
      bmhSchema(),
      host(
        {
          foo: 1,
          bmc: { address: 'ipmi://1.2.3.4', credentialsName: 'c', bar: true },
        },
        { extra: 'x' },
      ),
    );
    expect(result.unknownFields.sort()).toEqual([
      'extra',
      'spec.bmc.bar',
      'spec.foo',
    ]);
    expect(result.object.spec.foo).toBeUndefined();
    expect(result.object.spec.bmc.bar).toBeUndefined();
    expect(result.object.metadata.labels).toEqual({ a: 'b' });
  });

  it('drops a null where the schema allows none, or puts the default there', () => {
    const result = admitAgainstSchema(
      bmhSchema(),
      host({ bootMode: null, automatedCleaningMode: null }),
    );
    expect(result.errors).toEqual([]);
    expect(result.object.spec).not.toHaveProperty('bootMode');
    expect(result.object.spec.automatedCleaningMode).toBe('metadata');
  });

  it('applies defaults of the schema', () => {
    const result = admitAgainstSchema(bmhSchema(), host({}));
    expect(result.object.spec.automatedCleaningMode).toBe('metadata');
  });

  it('keeps fields under x-kubernetes-preserve-unknown-fields', () => {
    const schema = crdSchemaFor(
      'cluster.x-k8s.io',
      'MachineDeployment',
      'v1beta2',
    );
    const md = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: { name: 'md', namespace: 'metal3' },
      spec: {
        clusterName: 'c',
        selector: { matchLabels: { a: 'b' } },
        template: {
          spec: {
            clusterName: 'c',
            bootstrap: { dataSecretName: 's' },
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'Metal3MachineTemplate',
              name: 't',
            },
          },
        },
      },
    };
    expect(admitAgainstSchema(schema, md).errors).toEqual([]);
    const hardwareDetails = admitAgainstSchema(
      crdSchemaFor('metal3.io', 'HardwareData', 'v1alpha1'),
      {
        apiVersion: 'metal3.io/v1alpha1',
        kind: 'HardwareData',
        metadata: { name: 'h', namespace: 'metal3' },
        spec: { hardware: { cpu: { arch: 'x86_64', count: 4 } } },
      },
    );
    expect(hardwareDetails.errors).toEqual([]);
  });

  it('validates 10,000 hosts quickly enough for the lab start-up', () => {
    const schema = bmhSchema();
    const started = Date.now();
    for (let i = 0; i < 10_000; i++)
      admitAgainstSchema(
        schema,
        host({
          bootMACAddress: '52:54:00:00:00:01',
          bmc: { address: 'ipmi://1.2.3.4', credentialsName: 'c' },
        }),
      );
    // Generous bound: a regression to seconds per thousand would show.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
