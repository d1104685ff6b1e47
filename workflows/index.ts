export { systemCheck } from './system-check';
