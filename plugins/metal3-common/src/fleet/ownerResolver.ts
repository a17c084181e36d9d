import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Owner of an object: the value of the configured owner key (label first,
 * then annotation) as a group, or the configured default. A bare name means a
 * group in the default namespace; a full ref (`user:default/alice`) is kept.
 */
/** @public */
export function createOwnerResolver(options: {
  ownerKey: string;
  defaultOwner: string;
}) {
  return (
    labels: Record<string, string>,
    annotations: Record<string, string> = {},
  ) => {
    const value = labels[options.ownerKey] ?? annotations[options.ownerKey];
    if (!value) return options.defaultOwner;
    try {
      return stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      return options.defaultOwner;
    }
  };
}

/** Resolves the owner entity ref of an object from its labels and annotations. @public */
export type OwnerResolver = (
  labels: Record<string, string>,
  annotations?: Record<string, string>,
) => string;
