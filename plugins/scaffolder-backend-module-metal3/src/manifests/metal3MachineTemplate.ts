import {
  LabelSelector,
  validateSubdomainName,
} from '@metal3-fleet/plugin-metal3-common';
import { CapiVersion, CLUSTER_NAME_LABEL, infraApiVersion } from './capi';
import {
  FieldError,
  fieldProblem,
  throwIfInvalid,
  validateLabels,
} from './fieldErrors';

export type DiskFormat = 'raw' | 'qcow2' | 'vdi' | 'vmdk' | 'live-iso';

/** The OS image written to each server of the pool. */
export interface MachineImage {
  url: string;
  /** The checksum itself or the URL of a checksum file. */
  checksum?: string;
  checksumType?: 'md5' | 'sha256' | 'sha512';
  format?: DiskFormat;
}

export interface MachineTemplateInput {
  name: string;
  namespace: string;
  clusterName: string;
  hostSelector: LabelSelector;
  image: MachineImage;
  dataTemplateName?: string;
  automatedCleaningMode?: 'metadata' | 'disabled';
  /** Re-use the same hosts on a rolling upgrade (CAPM3 nodeReuse). */
  nodeReuse?: boolean;
}

const FORMATS: DiskFormat[] = ['raw', 'qcow2', 'vdi', 'vmdk', 'live-iso'];

/** CAPM3's image webhook rules, checked before the cluster sees them. */
export function validateImage(
  image: MachineImage,
  field = 'image',
): FieldError[] {
  const errors: FieldError[] = [];
  let scheme = '';
  try {
    scheme = new URL(image?.url ?? '').protocol;
  } catch {
    // reported below
  }
  if (!['http:', 'https:', 'oci:', 'file:'].includes(scheme)) {
    errors.push(
      fieldProblem(
        `${field}.url`,
        `"${image?.url ?? ''}" is not an http(s):// or oci:// image URL`,
      ),
    );
  }
  if (image?.format && !FORMATS.includes(image.format)) {
    errors.push(
      fieldProblem(
        `${field}.format`,
        `"${image.format}" is not one of ${FORMATS.join(', ')}`,
      ),
    );
  }
  const oci = scheme === 'oci:';
  if (oci && image.checksum) {
    errors.push(
      fieldProblem(`${field}.checksum`, 'OCI images carry no checksum'),
    );
  }
  if (!oci && image?.format !== 'live-iso' && !image?.checksum) {
    errors.push(
      fieldProblem(
        `${field}.checksum`,
        'is required (the checksum or the URL of a checksum file)',
      ),
    );
  }
  return errors;
}

export function validateHostSelector(
  selector: LabelSelector | undefined,
  field = 'hostSelector',
): FieldError[] {
  const empty =
    !Object.keys(selector?.matchLabels ?? {}).length &&
    !(selector?.matchExpressions ?? []).length;
  // An empty selector matches every free host, other pools' included.
  if (empty)
    return [
      fieldProblem(
        field,
        'name at least one label the hosts of this pool carry',
      ),
    ];
  return validateLabels(selector?.matchLabels, `${field}.matchLabels`);
}

export function validateMachineTemplate(
  input: MachineTemplateInput,
): FieldError[] {
  return [
    validateSubdomainName(input.name, 'templateName'),
    ...validateHostSelector(input.hostSelector),
    ...validateImage(input.image),
  ].filter((e): e is FieldError => Boolean(e));
}

/**
 * The Metal3MachineTemplate: which hosts (hostSelector), which image, which
 * network data. v1beta2 renamed `image.format` to `image.diskFormat`.
 */
export function buildMetal3MachineTemplate(
  input: MachineTemplateInput,
  v: CapiVersion,
) {
  throwIfInvalid(validateMachineTemplate(input));
  const { image } = input;
  return {
    apiVersion: infraApiVersion(v),
    kind: 'Metal3MachineTemplate',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: { [CLUSTER_NAME_LABEL]: input.clusterName },
    },
    spec: {
      ...(input.nodeReuse !== undefined && { nodeReuse: input.nodeReuse }),
      template: {
        spec: {
          hostSelector: {
            ...(Object.keys(input.hostSelector.matchLabels ?? {}).length && {
              matchLabels: input.hostSelector.matchLabels,
            }),
            ...(input.hostSelector.matchExpressions?.length && {
              matchExpressions: input.hostSelector.matchExpressions,
            }),
          },
          image: {
            url: image.url,
            ...(image.checksum && { checksum: image.checksum }),
            ...(image.checksumType && { checksumType: image.checksumType }),
            ...(image.format &&
              (v === 'v1beta2'
                ? { diskFormat: image.format }
                : { format: image.format })),
          },
          ...(input.dataTemplateName && {
            dataTemplate: { name: input.dataTemplateName },
          }),
          automatedCleaningMode: input.automatedCleaningMode ?? 'metadata',
        },
      },
    },
  };
}
