// Autosave of drafts (cop/drafts): while the member types, what the form holds is sent
// to /drafts/autosave a moment after the last key. The "Save draft" button does the
// same without JavaScript. A failure is silent: the button is still there.
"use strict";

(() => {
  const DELAY = 2000;

  function placeOf(form) {
    if (form.dataset.draftPlace) return form.dataset.draftPlace;
    const field = form.elements[form.dataset.draftField];
    return field && field.value ? `${form.dataset.draftKind}:${field.value}` : null;
  }

  const pending = new WeakMap(); // form -> the AbortController of its autosave in flight

  function save(form) {
    const place = placeOf(form);
    const status = form.querySelector(".draft-status");
    if (!place || !status || !status.dataset.url) return;
    const data = new FormData(form);
    data.set("draft_place", place);
    const token = data.get("csrf_token") || "";
    const controller = new AbortController();
    pending.set(form, controller);
    fetch(status.dataset.url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
      signal: controller.signal,
    })
      .then((response) => {
        if (response.ok) status.textContent = status.dataset.saved || "";
      })
      .catch(() => {});
  }

  for (const form of document.querySelectorAll("form[data-draft-place], form[data-draft-kind]")) {
    let timer = null;
    let sent = false; // once the form is sent, its words are the server's: no more saves
    form.addEventListener("input", () => {
      clearTimeout(timer);
      if (!sent) timer = setTimeout(() => save(form), DELAY);
    });
    form.addEventListener("submit", () => {
      sent = true;
      clearTimeout(timer);
      const controller = pending.get(form);
      // The posted text must not come back as a draft. An autosave the server got
      // already is refused there: it carries the form's client_token, which the post took.
      if (controller) controller.abort();
    });
  }
})();
