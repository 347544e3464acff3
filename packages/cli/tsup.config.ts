import { readFileSync } from 'node:fs';
import { libraryBuild } from '../../tsup.base';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// The library entry plus the `ae-ddsp` executable (dist/bin.js keeps its shebang).
export default libraryBuild(
  { index: 'src/index.ts', bin: 'src/bin.ts' },
  { platform: 'node', shims: true, define: { __AE_DDSP_CLI_VERSION__: JSON.stringify(version) } },
);
