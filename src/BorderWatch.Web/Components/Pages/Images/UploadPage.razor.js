// Pasting an image (Ctrl+V, or "Paste" on a phone) hands it to the page's file input, as if it had been chosen.
export function enablePaste(inputId) {
  document.addEventListener("paste", (event) => {
    const input = document.getElementById(inputId);
    const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
    if (!input || !file) return;
    event.preventDefault();
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
