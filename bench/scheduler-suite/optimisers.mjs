// SGD, heavy-ball and Adam on plain arrays, each written as PyTorch's torch.optim does it
// (SGD with momentum μ and dampening μ: h ← μh + (1 − μ)g after h₁ = g, the seed's
// filtered gradient; Adam with β1 = μ, β2 = 0.999, ε = 1e-8). The scheduled μ is used for
// heavy-ball's μ and Adam's β1 (bias correction with the product of the β1 used so far).
export const OPTIMISERS = {
  sgd:
    () =>
    (x, g, { learningRate }) => {
      for (let i = 0; i < x.length; i++) x[i] -= learningRate * g[i];
    },
  heavyBall: (n) => {
    let h = null;
    return (x, g, { learningRate, momentum }) => {
      if (h === null) h = Float64Array.from(g);
      else for (let i = 0; i < n; i++) h[i] = momentum * h[i] + (1 - momentum) * g[i];
      for (let i = 0; i < n; i++) x[i] -= learningRate * h[i];
    };
  },
  adam: (n) => {
    const m = new Float64Array(n);
    const v = new Float64Array(n);
    let beta1Product = 1;
    let beta2Product = 1;
    return (x, g, { learningRate, momentum: beta1 }) => {
      beta1Product *= beta1;
      beta2Product *= 0.999;
      const c1 = 1 - beta1Product;
      const c2 = Math.sqrt(1 - beta2Product);
      for (let i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        x[i] -= (learningRate / c1) * (m[i] / (Math.sqrt(v[i]) / c2 + 1e-8));
      }
    };
  },
};
