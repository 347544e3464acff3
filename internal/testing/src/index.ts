export { BACKENDS, type BackendName, tf, useBackend } from './backends';
export { centralDifference, maxRelativeError } from './central-difference';
