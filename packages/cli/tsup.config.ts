import { readFileSync } from 'node:fs';
import { libraryBuild } from '../../tsup.base';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// The library entry plus the `ae-ddsp` executable (dist/bin.js keeps its shebang), and the
// entry points `batch` runs in pool threads and `worker` in BullMQ's sandboxed child processes.
export default libraryBuild(
  {
    index: 'src/index.ts',
    bin: 'src/bin.ts',
    'pool-thread': 'src/batch/pool-thread.ts',
    'queue-processor': 'src/batch/queue-processor.ts',
  },
  { platform: 'node', shims: true, define: { __AE_DDSP_CLI_VERSION__: JSON.stringify(version) } },
);
