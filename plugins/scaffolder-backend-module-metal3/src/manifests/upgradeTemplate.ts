import { validateSubdomainName } from '@metal3-fleet/plugin-metal3-common';
import { CapiVersion } from './capi';
import { FieldError, fieldProblem, throwIfInvalid } from './fieldErrors';
import { validateKubernetesVersion } from './machineDeployment';
import { MachineImage, validateImage } from './metal3MachineTemplate';

export interface UpgradeInput {
  /** The new template's name; default the next `-vN` of the current one. */
  templateName?: string;
  image?: MachineImage;
  kubernetesVersion?: string;
  nodeReuse?: boolean;
}

export function validateUpgrade(input: UpgradeInput): FieldError[] {
  const errors: (FieldError | undefined)[] = [];
  if (!input.image && !input.kubernetesVersion) {
    errors.push(
      fieldProblem(
        'image',
        'give a new image, a new kubernetesVersion, or both',
      ),
    );
  }
  if (input.image) errors.push(...validateImage(input.image));
  if (input.kubernetesVersion)
    errors.push(...validateKubernetesVersion(input.kubernetesVersion));
  if (input.templateName)
    errors.push(validateSubdomainName(input.templateName, 'templateName'));
  return errors.filter((e): e is FieldError => Boolean(e));
}

/** `workers-v1` → `workers-v2`; any other name gets `-v2` appended. */
export function nextTemplateName(
  current: string,
  taken: (name: string) => boolean,
): string {
  const match = /^(.*)-v(\d+)$/.exec(current);
  const base = match ? match[1] : current;
  let n = match ? Number(match[2]) + 1 : 2;
  while (taken(`${base}-v${n}`)) n++;
  return `${base}-v${n}`;
}

/**
 * A new Metal3MachineTemplate from the current one (as read from the cluster,
 * in version `v`): same host selector, data template and cleaning mode, the
 * new image. Templates are immutable in practice (CAPI clones them), so an
 * upgrade is a new template and a rollout, never an edit.
 */
export function buildUpgradedTemplate(
  current: any,
  name: string,
  input: UpgradeInput,
  v: CapiVersion,
) {
  throwIfInvalid(validateUpgrade(input));
  const spec = structuredClone(current?.spec?.template?.spec ?? {});
  if (input.image) {
    const { format, ...rest } = input.image;
    spec.image = {
      ...rest,
      ...(format && (v === 'v1beta2' ? { diskFormat: format } : { format })),
    };
  }
  return {
    apiVersion: current.apiVersion,
    kind: 'Metal3MachineTemplate',
    metadata: {
      name,
      namespace: current.metadata.namespace,
      ...(current.metadata.labels && { labels: current.metadata.labels }),
    },
    spec: {
      ...(input.nodeReuse !== undefined
        ? { nodeReuse: input.nodeReuse }
        : current.spec?.nodeReuse !== undefined && {
            nodeReuse: current.spec.nodeReuse,
          }),
      template: { spec },
    },
  };
}
