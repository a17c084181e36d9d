export { useMetal3Links } from './useMetal3Links';
export type { Metal3Links, ObjectRef } from './useMetal3Links';
export { LinkOrText } from './LinkOrText';
