// Puts a snippet on the clipboard; false where the browser refuses (insecure context, no permission).
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
