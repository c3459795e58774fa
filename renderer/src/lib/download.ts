/** Hands the file to the browser as a download (web harness); the desktop app saves it itself. */
/** A file the user picked, as base64 for the contract (uploads, imports). */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

const TYPES: Readonly<Record<string, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

/** The file's media type, from its extension (Word when unknown, as every document used to be). */
export function mediaType(fileName: string): string {
  return TYPES[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? TYPES.docx!;
}

export function download(fileName: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType(fileName) }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What the UI does with a generated document: download it in the browser, and say where it went. */
export function deliverDocument(result: { fileName: string; cancelled: boolean; base64?: string }, notify: (fileName: string) => void): void {
  if (result.base64) download(result.fileName, result.base64);
  if (!result.cancelled) notify(result.fileName);
}
