import { libraryBuild } from '../../tsup.base';

export default libraryBuild({ index: 'src/index.ts', 'encoder/index': 'src/encoder/index.ts' });
