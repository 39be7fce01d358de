/* Nothing typed is lost.
 *
 * Every change is copied at once to this browser's localStorage and sent to the server a few
 * seconds later (and when a field loses focus) as a draft. When the server refuses (an expired
 * session answers with a redirect to the login page, a stale form with 403) or cannot be
 * reached, the copy stays marked "not saved on the server"; when the form is opened again
 * after logging in, that copy is put back. A source's identity and contact (inputs marked
 * data-sensitive) are never copied anywhere.
 */
(function () {
  "use strict";

  const SAVE_AFTER_MS = 3000;

  function readLocal(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function writeLocal(key, entry) {
    try {
      window.localStorage.setItem(key, JSON.stringify(entry));
    } catch (error) {
      /* private browsing or a full storage: the server draft still works */
    }
  }

  function forget(keys) {
    keys.forEach((key) => {
      try {
        window.localStorage.removeItem(key);
      } catch (error) {
        /* nothing to forget */
      }
    });
  }

  function kept(element) {
    return (
      element.name &&
      element.name !== "csrfmiddlewaretoken" &&
      element.name !== "draft" &&
      !element.hasAttribute("data-sensitive") &&
      !["submit", "button", "file"].includes(element.type)
    );
  }

  function values(form) {
    const data = {};
    Array.from(form.elements).filter(kept).forEach((element) => {
      if (element.type === "radio") {
        if (element.checked) data[element.name] = element.value;
      } else if (element.type === "checkbox") {
        if (element.checked) data[element.name] = "on";
      } else if (element.value !== "") {
        data[element.name] = element.value;
      }
    });
    return data;
  }

  function chosenTexts(form) {
    const texts = {};
    form.querySelectorAll(".chosen[id]").forEach((node) => {
      if (node.textContent.trim()) texts[node.id] = node.textContent;
    });
    return texts;
  }

  function restore(form, entry) {
    Array.from(form.elements).filter(kept).forEach((element) => {
      const value = entry.data[element.name];
      if (element.type === "radio") element.checked = value !== undefined && element.value === value;
      else if (element.type === "checkbox") element.checked = value === "on";
      else element.value = value === undefined ? "" : value;
    });
    Object.entries(entry.chosen || {}).forEach(([id, text]) => {
      const node = document.getElementById(id);
      if (node && node.classList.contains("chosen")) node.textContent = text;
    });
  }

  function start(form, config, onRestored) {
    const key = config.storageKey;
    const draftInput = form.querySelector("input[name=draft]");
    const status = document.getElementById("autosave-status");
    const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const format = window.MarsadCombobox.format;
    let dirty = false;
    let timer = null;
    let saving = false;

    function remember(unsaved) {
      writeLocal(key, {
        data: values(form),
        chosen: chosenTexts(form),
        draftId: draftInput.value,
        dirty: unsaved,
        savedAt: Date.now(),
      });
    }

    async function save() {
      clearTimeout(timer);
      timer = null;
      if (saving || !dirty) return;
      saving = true;
      dirty = false;
      const body = {
        type: config.type,
        report: config.report,
        draft: draftInput.value,
        data: values(form),
      };
      let accepted = false;
      try {
        const response = await fetch(config.autosave, {
          method: "POST",
          credentials: "same-origin",
          redirect: "manual", // a redirect means the session has expired
          headers: {
            "Content-Type": "application/json",
            Accept: "application/json",
            "X-CSRFToken": csrf,
          },
          body: JSON.stringify(body),
        });
        if (response.ok) {
          const answer = await response.json();
          draftInput.value = String(answer.draft);
          status.textContent = format(config.text.saved, { time: answer.saved_at });
          status.classList.remove("warning");
          accepted = true;
        }
      } catch (error) {
        accepted = false; // offline
      }
      if (!accepted) {
        dirty = true;
        status.textContent = config.text.local;
        status.classList.add("warning");
      }
      remember(dirty);
      saving = false;
      if (dirty && accepted) schedule();
    }

    function schedule() {
      if (!timer) timer = setTimeout(save, SAVE_AFTER_MS);
    }

    function changed() {
      dirty = true;
      remember(true);
      schedule();
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("focusout", () => {
      if (dirty) save();
    });
    // Keep retrying while the server has not got the latest values (back online, logged in).
    window.setInterval(() => {
      if (dirty && !timer) save();
    }, 4 * SAVE_AFTER_MS);

    const stored = readLocal(key);
    if (config.bound) {
      remember(false); // the server has just kept what was sent
    } else if (stored && stored.data && Object.keys(stored.data).length) {
      const sameDraft = !stored.draftId || !draftInput.value || stored.draftId === draftInput.value;
      if (sameDraft && (stored.dirty || !config.serverDraft)) {
        restore(form, stored);
        if (stored.draftId && !draftInput.value) draftInput.value = stored.draftId;
        onRestored();
        changed();
      }
    }

    return {
      startAfresh() {
        forget([key]);
        draftInput.value = "";
        dirty = false;
      },
    };
  }

  window.MarsadDrafts = { start, forget };

  // On "my reports": forget the browser copies of forms that have just been saved.
  document.addEventListener("DOMContentLoaded", () => {
    const saved = document.getElementById("entry-forget");
    if (saved) forget(JSON.parse(saved.textContent));
  });
})();
