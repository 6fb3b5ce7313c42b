// Shows image bytes sent from the server as a blob: URL. Large pictures travel as binary interop data instead of a
// base64 data: URL inside a render batch (which is slow and, past a few hundred kilobytes, stalls the circuit).
export function show(img, bytes, type) {
  if (!img) return;
  const previous = img.dataset.blobUrl;
  const url = URL.createObjectURL(new Blob([bytes], { type: type || "image/jpeg" }));
  img.dataset.blobUrl = url;
  img.src = url;
  if (previous) URL.revokeObjectURL(previous);
}

export function release(img) {
  if (img?.dataset.blobUrl) {
    URL.revokeObjectURL(img.dataset.blobUrl);
    delete img.dataset.blobUrl;
  }
}
