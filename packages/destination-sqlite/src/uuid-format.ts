const UUID_PATTERN = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Formats 16 bytes as a canonical lower-case UUID string (`8-4-4-4-12`). */
export function formatUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Parses a UUID string (any case, dashes optional) into its 16 bytes.
 * @throws RangeError when the text is not a UUID.
 */
export function parseUuid(text: string): Uint8Array {
  if (!UUID_PATTERN.test(text)) throw new RangeError(`"${text}" is not a UUID`);
  return new Uint8Array(Buffer.from(text.replaceAll("-", ""), "hex"));
}
