import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

/**
 * The value of another field of the same form. The scaffolder passes the
 * whole form's data in `formContext.formData`; fields read their siblings
 * from it (a cluster picked earlier scopes a host list, for example).
 */
export function siblingValue(
  props: Pick<FieldExtensionComponentProps<unknown>, 'formContext'>,
  field: string | undefined,
): unknown {
  if (!field) return undefined;
  const data = (props.formContext as { formData?: Record<string, unknown> })
    ?.formData;
  return data?.[field];
}

export const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
