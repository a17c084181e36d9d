export { BmcPanel } from './BmcPanel';
