// Reactions without a page load. Optional: without this file each reaction button
// posts its post's form and comes back to the post (cop/reactions/views.py). A button's
// value is "<kind>:<1 to add, 0 to take back>".
"use strict";

// The plain post of the pressed button (form.submit() sends no button: say which).
function fallBack(form, button) {
  const chosen = document.createElement("input");
  chosen.type = "hidden";
  chosen.name = "reaction";
  chosen.value = button.value;
  form.append(chosen);
  form.submit();
}

for (const form of document.querySelectorAll(".reaction-form")) {
  form.addEventListener("submit", async (event) => {
    const button = event.submitter;
    if (!button || button.name !== "reaction" || button.disabled) return;
    const kind = button.value.split(":")[0];
    event.preventDefault();
    button.disabled = true;
    const body = new FormData(form);
    body.set("reaction", button.value);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        fallBack(form, button); // let the server answer with a full page (sign in, an error)
        return;
      }
      const result = await response.json();
      button.setAttribute("aria-pressed", result.pressed ? "true" : "false");
      button.classList.toggle("is-pressed", result.pressed);
      button.value = `${kind}:${result.pressed ? "0" : "1"}`;
      let count = button.querySelector(".reaction-count");
      if (result.count && !count) {
        count = document.createElement("span");
        count.className = "reaction-count";
        button.append(count);
      }
      if (count) {
        if (result.count) count.textContent = result.count_text;
        else count.remove();
      }
    } catch (error) {
      fallBack(form, button); // offline or busy: the plain form still works
    } finally {
      button.disabled = false;
    }
  });
}
