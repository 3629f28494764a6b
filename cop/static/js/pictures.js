// Paste or drop a picture into the message: it goes into the picture field and the
// description field takes the focus, since a picture needs one before it is attached.
// Optional: without this file the plain file field and "Attach picture" do the same.
"use strict";

for (const fieldset of document.querySelectorAll(".attach-picture")) {
  const form = fieldset.closest("form");
  const input = fieldset.querySelector("input[type=file]");
  const alt = fieldset.querySelector("input[name=picture_alt]");
  const textarea = form && form.querySelector("textarea[name=body]");
  if (!input || !alt || !textarea || typeof DataTransfer === "undefined") continue;

  const take = (files) => {
    const picture = Array.from(files || []).find((f) => f.type.startsWith("image/"));
    if (!picture) return false;
    const transfer = new DataTransfer();
    transfer.items.add(picture);
    input.files = transfer.files;
    alt.focus();
    return true;
  };

  // Enter in the description attaches the picture rather than sending the message.
  const button = fieldset.querySelector("button[name=attach_picture]");
  alt.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && button) {
      event.preventDefault();
      button.click();
    }
  });

  textarea.addEventListener("paste", (event) => {
    if (take(event.clipboardData && event.clipboardData.files)) event.preventDefault();
  });
  textarea.addEventListener("dragover", (event) => {
    if (event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files")) {
      event.preventDefault();
    }
  });
  textarea.addEventListener("drop", (event) => {
    if (take(event.dataTransfer && event.dataTransfer.files)) event.preventDefault();
  });
}
