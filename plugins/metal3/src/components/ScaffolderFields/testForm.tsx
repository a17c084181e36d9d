import { useState } from 'react';

/**
 * A stand-in for the scaffolder's form in tests: holds the form data, and
 * gives each field the props RJSF would (own value, onChange, and the whole
 * form's data in formContext).
 */
export const TestForm = ({
  initial = {},
  fields,
  uiOptions = {},
}: {
  initial?: Record<string, unknown>;
  fields: [string, (props: any) => JSX.Element | null][];
  uiOptions?: Record<string, object>;
}) => {
  const [data, setData] = useState<Record<string, unknown>>(initial);
  return (
    <>
      {fields.map(([name, Field]) => (
        <Field
          key={name}
          name={name}
          formData={data[name]}
          onChange={(value: unknown) => setData(d => ({ ...d, [name]: value }))}
          formContext={{ formData: data }}
          schema={{ type: 'string' }}
          uiSchema={{ 'ui:options': uiOptions[name] ?? {} }}
          idSchema={{ $id: `root_${name}` }}
          rawErrors={[]}
          required={false}
        />
      ))}
      <output aria-label="form data">{JSON.stringify(data)}</output>
    </>
  );
};
