export { useMetal3Links } from './useMetal3Links';
export type { Metal3Links } from './useMetal3Links';
export { LinkOrText } from './LinkOrText';
