export { type CpuBackendLike, hasKernel, makeFloat32, readFloat32, tapeRecording } from './backend-access';
export {
  type BackwardKernel,
  type BackwardOps,
  type CpuKernelSpec,
  registerCpuKernel,
  unregisterCpuKernel,
} from './register-cpu-kernel';
