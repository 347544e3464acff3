/**
 * The package version, injected at build time from package.json.
 * @module
 */

declare const __AE_DDSP_CLI_VERSION__: string | undefined;

/** Version of `@ae-ddsp/cli` (`0.0.0-dev` when run from source). */
export const CLI_VERSION: string =
  typeof __AE_DDSP_CLI_VERSION__ === 'string' ? __AE_DDSP_CLI_VERSION__ : '0.0.0-dev';
