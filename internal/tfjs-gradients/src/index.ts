// tfjs-core's Node entry (tf-core.node.js) registers no gradients at all: only the
// @tensorflow/tfjs bundle or a bundler importing this ESM file does. Its files use
// extensionless imports that plain Node cannot load, so each ae-ddsp package that needs
// autodiff imports this module and tsup bundles it in (see tsup.base.ts). Registering a
// gradient twice is silent and idempotent in tfjs-core 4.x.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
