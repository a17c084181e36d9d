export { admitAgainstSchema } from './admitAgainstSchema';
export type { FieldError, SchemaAdmission } from './admitAgainstSchema';
export { crdSchemaFor } from './crdSchemas';
