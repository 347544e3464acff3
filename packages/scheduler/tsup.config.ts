import { libraryBuild } from '../../tsup.base';

export default libraryBuild({ index: 'src/index.ts', 'tfjs/index': 'src/tfjs/index.ts' });
