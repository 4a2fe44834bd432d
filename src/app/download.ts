/** Hands a Blob to the browser as a file download (data export, rated answers). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download may start after this returns; the URL must outlive it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
