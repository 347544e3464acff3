import '@ae-ddsp/tfjs-gradients';
import { maxRelativeError, useBackend } from '@ae-ddsp/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeFloat32, readFloat32 } from './backend-access';
import { registerCpuKernel, unregisterCpuKernel } from './register-cpu-kernel';

// Toy kernels with known derivatives: y = x², and (p, q) ↦ p·q with ∂p = dy·q, ∂q = dy·p.
const square: tf.KernelFunc = ({ inputs, backend }) => {
  const x = inputs['x'] as tf.TensorInfo;
  return makeFloat32(
    backend,
    x.shape,
    readFloat32(backend, x).map((v) => v * v),
  );
};
const squareGrad: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const dy = readFloat32(backend, inputs['dy'] as tf.TensorInfo);
  const x = readFloat32(backend, inputs['x'] as tf.TensorInfo);
  const scale = (attrs as Record<string, number>)['scale'] ?? 1;
  return makeFloat32(
    backend,
    (inputs['x'] as tf.TensorInfo).shape,
    x.map((v, i) => scale * 2 * v * dy[i]!),
  );
};
const product: tf.KernelFunc = ({ inputs, backend }) => {
  const p = readFloat32(backend, inputs['p'] as tf.TensorInfo);
  const q = readFloat32(backend, inputs['q'] as tf.TensorInfo);
  return makeFloat32(
    backend,
    [p.length],
    p.map((v, i) => v * q[i]!),
  );
};
const productGrad: tf.KernelFunc = ({ inputs, backend }) => {
  const dy = readFloat32(backend, inputs['dy'] as tf.TensorInfo);
  const p = readFloat32(backend, inputs['p'] as tf.TensorInfo);
  const q = readFloat32(backend, inputs['q'] as tf.TensorInfo);
  return [
    makeFloat32(
      backend,
      [p.length],
      q.map((v, i) => v * dy[i]!),
    ),
    makeFloat32(
      backend,
      [p.length],
      p.map((v, i) => v * dy[i]!),
    ),
  ];
};

const names = ['TestSquare', 'TestProduct', 'TestCube', 'TestTaken'];

describe('registerCpuKernel', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });
  afterEach(() => {
    for (const name of names) unregisterCpuKernel(name);
  });

  it('registers the forward kernel, the backward kernel and the gradient by the kernel name', () => {
    registerCpuKernel({
      name: 'TestSquare',
      forward: square,
      backward: {
        name: 'TestSquareGrad',
        kernel: squareGrad,
        inputsToSave: ['x'],
        saved: ['x'],
        gradients: ['x'],
      },
    });
    expect(tf.getKernel('TestSquare', 'cpu')).toBeDefined();
    expect(tf.getKernel('TestSquareGrad', 'cpu')).toBeDefined();
    expect(tf.getGradient('TestSquare')).toBeDefined();
    const x = tf.tensor1d([1, -2, 0.5]);
    const f = (t: tf.Tensor) => tf.engine().runKernel('TestSquare', { x: t }, { scale: 3 }) as tf.Tensor;
    expect(Array.from(f(x).dataSync())).toEqual([1, 4, 0.25]);
    // attrs reach the backward kernel: d/dx Σ x² · scale 3 = 6x
    const g = tf.grad((t: tf.Tensor) => tf.sum(f(t)))(x);
    expect(Array.from(g.dataSync())).toEqual([6, -12, 3]);
  });

  it('returns every gradient of a multi-output backward kernel from one backward pass', () => {
    registerCpuKernel({
      name: 'TestProduct',
      forward: product,
      backward: {
        name: 'TestProductGrad',
        kernel: productGrad,
        inputsToSave: ['p', 'q'],
        saved: ['p', 'q'],
        gradients: ['p', 'q'],
      },
    });
    const p = tf.tensor1d([1, 2, 3]);
    const q = tf.tensor1d([-1, 0.5, 4]);
    let calls = 0;
    const grad = tf.getKernel('TestProductGrad', 'cpu')!.kernelFunc;
    tf.unregisterKernel('TestProductGrad', 'cpu');
    tf.registerKernel({
      kernelName: 'TestProductGrad',
      backendName: 'cpu',
      kernelFunc: (args) => {
        calls++;
        return grad(args);
      },
    });
    const before = tf.memory().numTensors;
    const [gp, gq] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(
        tf.mul(tf.engine().runKernel('TestProduct', { p: a, q: b }) as tf.Tensor, tf.tensor1d([1, 2, 3])),
      ),
    )([p, q]);
    expect(calls).toBe(1);
    expect(Array.from(gp!.dataSync())).toEqual([-1, 1, 12]);
    expect(Array.from(gq!.dataSync())).toEqual([1, 4, 9]);
    tf.dispose([gp!, gq!]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes a gradient written with tfjs ops, checked by central differences', () => {
    const cube: tf.KernelFunc = ({ inputs, backend }) => {
      const x = inputs['x'] as tf.TensorInfo;
      return makeFloat32(
        backend,
        x.shape,
        readFloat32(backend, x).map((v) => v * v * v),
      );
    };
    registerCpuKernel({
      name: 'TestCube',
      forward: cube,
      backward: {
        inputsToSave: ['x'],
        gradFunc: (dy, saved) => ({ x: () => tf.mul(tf.mul(dy as tf.Tensor, 3), tf.square(saved[0]!)) }),
      },
    });
    const x = [0.3, -1.2, 2];
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.engine().runKernel('TestCube', { x: t }) as tf.Tensor))(
      tf.tensor1d(x),
    );
    const h = 1e-3;
    const reference = x.map((v) => ((v + h) ** 3 - (v - h) ** 3) / (2 * h));
    expect(maxRelativeError(g.dataSync(), reference, 1e-3)).toBeLessThan(1e-3);
  });

  it('is idempotent and keeps a kernel registered before it', () => {
    const mine: tf.KernelFunc = ({ inputs, backend }) =>
      makeFloat32(
        backend,
        [1],
        Float32Array.of(readFloat32(backend, inputs['x'] as tf.TensorInfo)[0]! + 100),
      );
    tf.registerKernel({ kernelName: 'TestTaken', backendName: 'cpu', kernelFunc: mine });
    const spec = {
      name: 'TestTaken',
      forward: square,
      backward: {
        name: 'TestTakenGrad',
        kernel: squareGrad,
        inputsToSave: ['x'],
        saved: ['x'],
        gradients: ['x'],
      },
    };
    registerCpuKernel(spec);
    registerCpuKernel(spec);
    const y = tf.engine().runKernel('TestTaken', { x: tf.tensor1d([2]) }) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([102]); // the first registration stays
    expect(tf.getKernel('TestTakenGrad', 'cpu')).toBeUndefined();
    expect(tf.getGradient('TestTaken')).toBeDefined(); // the gradient slot was free
    unregisterCpuKernel('TestTaken');
    expect(tf.getKernel('TestTaken', 'cpu')).toBeDefined(); // not ours to remove
    expect(tf.getGradient('TestTaken')).toBeUndefined();
    tf.unregisterKernel('TestTaken', 'cpu');
  });

  it('unregisters everything it registered, so the name can be registered again', () => {
    const spec = {
      name: 'TestSquare',
      forward: square,
      backward: {
        name: 'TestSquareGrad',
        kernel: squareGrad,
        inputsToSave: ['x'],
        saved: ['x'],
        gradients: ['x'],
      },
    };
    registerCpuKernel(spec);
    unregisterCpuKernel('TestSquare');
    expect(tf.getKernel('TestSquare', 'cpu')).toBeUndefined();
    expect(tf.getKernel('TestSquareGrad', 'cpu')).toBeUndefined();
    expect(tf.getGradient('TestSquare')).toBeUndefined();
    unregisterCpuKernel('TestSquare'); // unknown now: ignored
    registerCpuKernel(spec);
    expect(tf.getKernel('TestSquare', 'cpu')).toBeDefined();
  });
});
