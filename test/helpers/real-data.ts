import path from 'node:path';
import { PROJECT_ROOT } from '../../core/config/config';

/** The real challenge sample, read in place: it is never copied into the repository. */
export const REAL_DATA_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'rakuten');
export const realFile = (name: string) => path.join(REAL_DATA_DIR, name);
