// What a file really is, from its first bytes (never from the name or the declared type).
export type AllowedType = 'application/pdf' | 'image/jpeg' | 'image/png';

export function sniffFileType(bytes: Buffer): AllowedType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

/** A file name safe to show and to offer for download: letters, digits, . _ - only. */
export function safeFileName(name: string, type: AllowedType): string {
  const ext = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[type];
  const base = name
    .normalize('NFKD')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 60);
  return `${base || 'attachment'}.${ext}`;
}
