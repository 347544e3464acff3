// A seeded random source (mulberry32) and standard normals from it, so every run is reproducible.
export function seededRandom(seed) {
  let a = (seed * 0x9e3779b9) >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const index = (n) => Math.floor(uniform() * n);
  return { uniform, normal, index };
}
