// Reactions without a page load. Optional: without this file each reaction button is a
// form that posts and comes back to the post (cop/reactions/views.py).
"use strict";

for (const form of document.querySelectorAll(".reaction-form")) {
  form.addEventListener("submit", async (event) => {
    const button = form.querySelector("button");
    const on = form.querySelector("input[name=on]");
    if (!button || !on || button.disabled) return;
    event.preventDefault();
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        form.submit(); // let the server answer with a full page (sign in, an error)
        return;
      }
      const result = await response.json();
      button.setAttribute("aria-pressed", result.pressed ? "true" : "false");
      button.classList.toggle("is-pressed", result.pressed);
      on.value = result.pressed ? "0" : "1";
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
      form.submit(); // offline or busy: the plain form still works
    } finally {
      button.disabled = false;
    }
  });
}
