export { ImageProbeService } from './ImageProbeService';
export { readImageProbeSettings } from './imageProbeSettings';
export type { ImageProbeSettings } from './imageProbeSettings';
export { headRequest } from './headRequest';
export type { HeadResult, HeadOptions } from './headRequest';
