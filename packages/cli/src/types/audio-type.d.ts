declare module 'audio-type' {
  /** Detects the container/codec of encoded audio from its first bytes (`'wav'`, `'flac'`, `'mp3'`, `'oga'`, ...). */
  export default function audioType(bytes: Uint8Array): string | undefined;
}
