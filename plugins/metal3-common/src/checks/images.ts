/**
 * OS images in use, the guide's phase 2 ("Prepare the Worker OS Image"),
 * phase 4.3 (the image of the Metal3MachineTemplate) and "Image management":
 * whether each image's name, checksum, format and URLs are what Ironic needs.
 */
import { FIX_TEMPLATES } from './catalogue';
import { okFinding, problemFinding, unknownFinding } from './findings';
import { redactUrlUserinfo } from './imageRefs';
import {
  checksumAlgorithmOf,
  formatsAllowedByName,
  ImageSpec,
  isChecksumUrl,
  isVersionedImageUrl,
  needsChecksum,
} from './imageRules';
import {
  Group,
  groupImages,
  ImagesInput,
  PoolImageUse,
  UrlProbe,
  usersOf,
  Variant,
} from './imageUse';
import { isUnavailable } from './inputs';
import { objectSubject } from './subjects';
import type {
  CheckEvidence,
  CheckFinding,
  CheckFix,
  CheckSubject,
  CheckTemplateFix,
} from './types';

const IMAGE_MANAGEMENT = 'Best Practices — Image Management';
const HOST_THE_IMAGE = 'Phase 2.2 — Host the Image';
const MACHINE_TEMPLATE = 'Phase 4.3 — Create Metal3MachineTemplate';

/** Every image check on every image in use, plus unknowns for pools whose image could not be read. @public */
export function checkImages(input: ImagesInput): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const use of input.pools) {
    if (isUnavailable(use.image)) {
      findings.push(...unknownPoolImage(input.cluster, use, use.image));
    }
  }
  for (const group of groupImages(input)) {
    const context = imageContext(input, group);
    findings.push(
      versionedName(context),
      checksum(context),
      format(context),
      urlReachable(context),
      ...checksumReachable(context),
    );
  }
  return findings;
}

interface Context {
  cluster: string;
  group: Group;
  subject: CheckSubject;
  also: CheckSubject[];
  url: string;
  probes: Record<string, UrlProbe>;
  /** The upgrade template prefilled for the pool using the image, when exactly one does. */
  upgrade(values?: Record<string, string>): CheckTemplateFix | undefined;
}

function imageContext(input: ImagesInput, group: Group): Context {
  const url = redactUrlUserinfo(group.rawUrl);
  const users = usersOf(group);
  const poolUses = group.variants.flatMap(v => v.pools);
  const also = [
    ...users.pools.map(p => objectSubject('pool', input.cluster, p)),
    ...users.hosts.map(h => objectSubject('host', input.cluster, h)),
  ];
  return {
    cluster: input.cluster,
    group,
    subject: { kind: 'image', cluster: input.cluster, name: url },
    also,
    url,
    probes: input.probes ?? {},
    upgrade(values = {}) {
      // One pool: the template can be prefilled for it. Several: the
      // operator picks the pool; the finding still shows on each pool page.
      if (poolUses.length !== 1) return undefined;
      const use = poolUses[0];
      const spec = use.image as ImageSpec;
      const current: Record<string, string> = {
        // A URL with credentials is not prefilled: the redacted form would
        // be written back as the new URL.
        ...(url === spec.url && { imageUrl: spec.url }),
        ...(spec.checksum &&
          redactUrlUserinfo(spec.checksum) === spec.checksum && {
            imageChecksum: spec.checksum,
          }),
        ...(spec.format && { imageFormat: spec.format }),
        ...(use.kubernetesVersion && {
          kubernetesVersion: use.kubernetesVersion,
        }),
      };
      return {
        name: FIX_TEMPLATES.upgradePool.name,
        action: FIX_TEMPLATES.upgradePool.action,
        values: {
          cluster: input.cluster,
          namespace: use.pool.namespace,
          pool: use.pool.name,
          ...current,
          ...values,
        },
      };
    },
  };
}

function fixWith(
  context: Context,
  fix: Omit<CheckFix, 'template'>,
  values?: Record<string, string>,
): CheckFix {
  const template = context.upgrade(values);
  return { ...fix, ...(template && { template }) };
}

function versionedName(context: Context): CheckFinding {
  const common = {
    check: 'image.versioned-name' as const,
    subject: context.subject,
    also: context.also,
  };
  const versioned = isVersionedImageUrl(context.group.rawUrl);
  const evidence: CheckEvidence[] = [
    {
      field: 'image.url',
      observed: context.url,
      expected: 'a file name with a build version or date',
      violation: versioned === false,
    },
  ];
  if (versioned === undefined) {
    return unknownFinding({
      ...common,
      title: 'The image URL names no file',
      evidence,
      missing: `a file name in the image URL ${context.url}: it ends in "/", so no version can be read from it`,
    });
  }
  if (versioned) {
    return okFinding({ ...common, title: 'Versioned image name', evidence });
  }
  return problemFinding({
    ...common,
    severity: 'warning',
    title: `Image name is not versioned: ${context.url}`,
    evidence,
    fix: fixWith(context, {
      text: 'Maintain versioned images (e.g., ubuntu-24.04-rke2-v1.35.0.qcow2) for reproducible deployments: publish this build under a versioned name and roll the pool to it.',
      guide: IMAGE_MANAGEMENT,
    }),
  });
}

function checksum(context: Context): CheckFinding {
  const common = {
    check: 'image.checksum' as const,
    subject: context.subject,
    also: context.also,
  };
  const variants = context.group.variants;
  const distinct = new Set(
    variants.map(v => `${v.spec.checksum ?? ''}|${v.spec.checksumType ?? ''}`),
  );
  if (distinct.size > 1) {
    return problemFinding({
      ...common,
      severity: 'error',
      title: 'Pools and hosts give different checksums for the same image URL',
      evidence: variants.map(v => ({
        field: `image.checksum of ${describeUsers(v)}`,
        observed: v.spec.checksum ? redactUrlUserinfo(v.spec.checksum) : null,
        expected: 'the same checksum for one URL',
        violation: true,
      })),
      fix: fixWith(context, {
        text: 'One URL is one file: at most one of these checksums matches it. Publish each build under its own versioned name and roll the pools to it.',
        guide: IMAGE_MANAGEMENT,
      }),
    });
  }
  const spec = variants[0].spec;
  const declared =
    spec.checksumType && spec.checksumType !== 'auto'
      ? spec.checksumType
      : undefined;
  const inferred = spec.checksum
    ? checksumAlgorithmOf(spec.checksum)
    : undefined;
  const evidence: CheckEvidence[] = [
    {
      field: 'image.checksum',
      observed: spec.checksum ? redactUrlUserinfo(spec.checksum) : null,
      expected: needsChecksum(spec)
        ? 'a checksum URL or digest'
        : 'none needed (live-iso or OCI)',
      violation: needsChecksum(spec) && !spec.checksum,
    },
    {
      field: 'image.checksumType',
      observed: spec.checksumType ?? null,
      ...(inferred && { expected: `${inferred} (what the checksum is)` }),
      violation: Boolean(declared && inferred && declared !== inferred),
    },
  ];
  if (!spec.checksum) {
    if (!needsChecksum(spec)) {
      return okFinding({
        ...common,
        title: 'No checksum needed (live-iso or OCI image)',
        evidence,
      });
    }
    return problemFinding({
      ...common,
      severity: 'error',
      title: 'The image has no checksum',
      evidence,
      fix: fixWith(context, {
        text: 'Compute the checksum next to the image (sha256sum <image> > <image>.sha256sum), serve it with the image and set it as checksum with checksumType sha256.',
        guide: HOST_THE_IMAGE,
      }),
    });
  }
  if (declared && inferred && declared !== inferred) {
    return problemFinding({
      ...common,
      severity: 'error',
      title: `checksumType is ${declared} but the checksum is ${inferred}`,
      evidence,
      fix: fixWith(context, {
        text: `Ironic compares a ${declared} of the image with a ${inferred} value and fails the deployment. Set checksumType to ${inferred} (or publish a ${declared} checksum).`,
        guide: MACHINE_TEMPLATE,
      }),
    });
  }
  if ((declared ?? inferred) === 'md5') {
    return problemFinding({
      ...common,
      severity: 'warning',
      title: 'The image checksum is MD5',
      evidence,
      fix: fixWith(context, {
        text: 'Recent Ironic releases refuse MD5 checksums unless allowed in their configuration. Publish a sha256sum file as the guide does and set checksumType sha256.',
        guide: HOST_THE_IMAGE,
      }),
    });
  }
  return okFinding({
    ...common,
    title: isChecksumUrl(spec.checksum)
      ? `Checksum file, ${declared ?? inferred ?? 'type detected by Ironic'}`
      : `Checksum digest, ${declared ?? inferred ?? 'type detected by Ironic'}`,
    evidence,
  });
}

function format(context: Context): CheckFinding {
  const common = {
    check: 'image.format' as const,
    subject: context.subject,
    also: context.also,
  };
  const variants = context.group.variants;
  const formats = new Set(variants.map(v => v.spec.format ?? ''));
  if (formats.size > 1) {
    return problemFinding({
      ...common,
      severity: 'error',
      title: 'Pools and hosts give different formats for the same image URL',
      evidence: variants.map(v => ({
        field: `image.format of ${describeUsers(v)}`,
        observed: v.spec.format ?? null,
        expected: 'the same format for one URL',
        violation: true,
      })),
      fix: fixWith(context, {
        text: 'One file has one format: roll the pools whose format is wrong to the same image with the right one.',
        guide: MACHINE_TEMPLATE,
      }),
    });
  }
  const declared = variants[0].spec.format;
  const url = context.group.rawUrl;
  if (/^oci:\/\//i.test(url)) {
    return okFinding({
      ...common,
      title: 'OCI image: Ironic reads the format from the artifact',
      evidence: [{ field: 'image.format', observed: declared ?? null }],
    });
  }
  const allowed = formatsAllowedByName(url);
  const evidence: CheckEvidence[] = [
    {
      field: 'image.format',
      observed: declared ?? null,
      expected: allowed
        ? `${allowed.join(' or ')} (the file name)`
        : 'set (qcow2, raw, vmdk, vdi or live-iso)',
      violation: !declared || Boolean(allowed && !allowed.includes(declared)),
    },
    { field: 'image.url', observed: context.url },
  ];
  if (!declared) {
    return problemFinding({
      ...common,
      severity: 'warning',
      title: 'The image format is not set',
      evidence,
      fix: fixWith(
        context,
        {
          text: `Set format${
            allowed?.length === 1 ? `: ${allowed[0]}` : ''
          } as the guide's Metal3MachineTemplate does (format: qcow2); without it Ironic guesses.`,
          guide: MACHINE_TEMPLATE,
        },
        allowed?.length === 1 ? { imageFormat: allowed[0] } : undefined,
      ),
    });
  }
  if (!allowed) {
    return unknownFinding({
      ...common,
      title: `Format ${declared}: the file name does not tell`,
      evidence,
      missing: `a file extension in ${context.url} (.qcow2, .img, .raw, .iso, .vmdk, .vdi) to compare format ${declared} with`,
    });
  }
  if (allowed.includes(declared)) {
    return okFinding({
      ...common,
      title: `Format ${declared} matches the file name`,
      evidence,
    });
  }
  return problemFinding({
    ...common,
    severity: 'error',
    title: `Format ${declared} does not match the file: ${context.url}`,
    evidence,
    fix: fixWith(
      context,
      {
        text: `The file name says ${allowed.join(
          ' or ',
        )}: Ironic writes the image by the format given, so a wrong one fails the deployment or leaves an unbootable disk.`,
        guide: MACHINE_TEMPLATE,
      },
      allowed.length === 1 ? { imageFormat: allowed[0] } : undefined,
    ),
  });
}

function urlReachable(context: Context): CheckFinding {
  return reachability(context, {
    check: 'image.url-reachable',
    rawUrl: context.group.rawUrl,
    what: 'image URL',
    fix: {
      text: 'Make the image available via HTTP from a server reachable by Ironic (host images on a local HTTP server within the management network), or correct the URL in the pool template.',
      guide: HOST_THE_IMAGE,
    },
  });
}

function checksumReachable(context: Context): CheckFinding[] {
  const urls = [
    ...new Set(
      context.group.variants
        .map(v => v.spec.checksum)
        .filter((c): c is string => Boolean(c && isChecksumUrl(c))),
    ),
  ];
  // An inline digest or no checksum at all: nothing to fetch, no finding
  // (image.checksum judges those).
  return urls.map(rawUrl =>
    reachability(context, {
      check: 'image.checksum-reachable',
      rawUrl,
      what: 'checksum URL',
      item: redactUrlUserinfo(rawUrl),
      fix: {
        text: 'Publish the checksum file next to the image (sha256sum <image> > <image>.sha256sum): Ironic downloads it before it writes the image and fails the deployment without it.',
        guide: HOST_THE_IMAGE,
      },
    }),
  );
}

function reachability(
  context: Context,
  options: {
    check: 'image.url-reachable' | 'image.checksum-reachable';
    rawUrl: string;
    what: string;
    item?: string;
    fix: Omit<CheckFix, 'template'>;
  },
): CheckFinding {
  const shown = redactUrlUserinfo(options.rawUrl);
  const common = {
    check: options.check,
    subject: context.subject,
    also: context.also,
    ...(options.item !== undefined && { item: options.item }),
  };
  const probe = context.probes[options.rawUrl];
  const field = `HEAD ${shown}`;
  if (!probe || probe.skipped) {
    return unknownFinding({
      ...common,
      title: `The ${options.what} was not checked`,
      missing: probe?.skipped
        ? `a HEAD answer from ${shown}: ${redactUrlUserinfo(probe.skipped)}`
        : `a HEAD answer from ${shown}: not probed yet`,
    });
  }
  const answered =
    probe.status !== undefined && probe.status >= 200 && probe.status < 300;
  const evidence: CheckEvidence[] = [
    {
      field,
      observed:
        probe.status ?? (probe.error ? redactUrlUserinfo(probe.error) : null),
      expected: '2xx',
      violation: !answered,
    },
  ];
  if (answered) {
    return okFinding({
      ...common,
      title: `The ${options.what} answers (${probe.status})`,
      evidence,
    });
  }
  return problemFinding({
    ...common,
    severity: 'error',
    title:
      probe.status !== undefined
        ? `The ${options.what} answers ${probe.status}: ${shown}`
        : `The ${options.what} does not answer: ${shown}`,
    evidence,
    fix: fixWith(context, {
      ...options.fix,
      commands: [`curl -I ${shown}`],
    }),
  });
}

function unknownPoolImage(
  cluster: string,
  use: PoolImageUse,
  unavailable: { unavailable: string },
): CheckFinding[] {
  const subject = objectSubject('pool', cluster, use.pool);
  const checks = [
    'image.versioned-name',
    'image.checksum',
    'image.format',
    'image.url-reachable',
    'image.checksum-reachable',
  ] as const;
  return checks.map(check =>
    unknownFinding({
      check,
      subject,
      title: `The image of pool ${use.pool.name} could not be read`,
      missing: `the pool's image: ${unavailable.unavailable}`,
    }),
  );
}

function describeUsers(variant: Variant): string {
  const names = [
    ...variant.pools.map(p => `pool ${p.pool.name}`),
    ...variant.hosts.map(h => `host ${h.name}`),
  ];
  return names.join(', ');
}
