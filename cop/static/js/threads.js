// Live Markdown preview for the post editor. Optional: without this file the
// "Preview" button asks the server for the same HTML with a full page.
"use strict";

for (const editor of document.querySelectorAll(".editor[data-preview-url]")) {
  const textarea = editor.querySelector("textarea");
  const section = editor.querySelector(".preview");
  const target = editor.querySelector(".preview-body");
  const form = editor.closest("form");
  if (!textarea || !section || !target || !form) continue;
  let timer = null;
  let sent = 0;

  const refresh = async () => {
    const body = textarea.value;
    if (!body.trim()) {
      section.hidden = true;
      return;
    }
    const number = ++sent;
    const data = new FormData();
    data.append("body", body);
    // The language notice while typing (cop/languagecheck.py): the same words as on send.
    const chosen = form.querySelector("select[name=language]");
    const title = form.querySelector("input[name=title]");
    if (chosen) data.append("language", chosen.value);
    if (title) data.append("title", title.value);
    const token = form.querySelector("input[name=csrf_token]");
    if (token) data.append("csrf_token", token.value);
    try {
      const response = await fetch(editor.dataset.previewUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
      });
      if (!response.ok || number !== sent) return;
      // The server returns HTML it has already sanitized (cop/sanitize.py).
      target.innerHTML = await response.text();
      section.hidden = false;
      const live = editor.querySelector(".language-live-notice");
      const note = response.headers.get("X-Language-Notice");
      if (live) {
        live.textContent = note ? decodeURIComponent(note) : "";
        live.hidden = !note;
      }
    } catch (error) {
      // Offline or the server is busy: the Preview button still works.
    }
  };

  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
  const language = form.querySelector("select[name=language]");
  if (language) {
    language.addEventListener("change", () => {
      target.setAttribute("lang", language.value);
      refresh();
    });
  }
}

// "Quote" adds the attributed quote to the reply box on this page, when there is one;
// otherwise the link opens the reply page with the quote filled in.
document.addEventListener("click", async (event) => {
  const link = event.target.closest && event.target.closest("a.quote-link[data-quote-url]");
  const box = document.querySelector("#reply textarea[name=body]");
  if (!link || !box) return;
  event.preventDefault();
  try {
    const response = await fetch(link.dataset.quoteUrl, { credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    const quote = await response.text();
    const before = box.value && !box.value.endsWith("\n\n") ? box.value.replace(/\n*$/, "\n\n") : box.value;
    box.value = before + quote;
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
    box.dispatchEvent(new Event("input"));
    box.scrollIntoView({ block: "center" });
  } catch (error) {
    window.location.href = link.href;
  }
});
