// tfjs-core's Node entry (tf-core.node.js) registers no gradients at all: only the
// @tensorflow/tfjs bundle or a bundler importing this ESM file does. Its files use
// extensionless imports that plain Node cannot load, so each ae-ddsp package that needs
// autodiff imports this module and tsup bundles it in (see tsup.base.ts). Registering a
// gradient twice is silent and idempotent in tfjs-core 4.x.
// tfjs-core's full entry is loaded first, so that its engine (whose tensors have every op)
// is the global one before the gradient files' own copy of the engine module could make it.
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
