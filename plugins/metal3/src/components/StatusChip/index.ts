export { StatusChip } from './StatusChip';
export { CODE_HEALTH, healthColor, statusCodeColor } from './statusColors';
