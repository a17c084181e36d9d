export { NeedsAttention, attentionReason } from './NeedsAttention';
