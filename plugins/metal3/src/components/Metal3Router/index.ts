export { Metal3Router } from './Metal3Router';
