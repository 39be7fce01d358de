/* An autocomplete text input (WAI-ARIA 1.2 combobox with a listbox popup).
 *
 * Type to get suggestions from a JSON endpoint ({"results": [...]}), move through them with the
 * up and down arrows, choose with Enter (or a click), close with Escape. The input keeps the
 * keyboard focus the whole time; the active option is announced through aria-activedescendant,
 * and the number of suggestions through a polite live region.
 */
(function () {
  "use strict";

  let liveRegion = null;

  function announce(text) {
    if (!liveRegion) {
      liveRegion = document.createElement("div");
      liveRegion.className = "visually-hidden";
      liveRegion.setAttribute("role", "status");
      liveRegion.setAttribute("aria-live", "polite");
      document.body.appendChild(liveRegion);
    }
    liveRegion.textContent = text;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, name) => String(values[name] ?? ""));
  }

  /* options: url, text (messages), minLength, describe(row) -> {main, detail},
   * extra(query, rows) -> a row to add at the end or null, onPick(row), onType() */
  function attach(box, options) {
    const input = box.querySelector("[role=combobox]");
    const list = box.querySelector("[role=listbox]");
    const minLength = options.minLength || 1;
    let rows = [];
    let active = -1;
    let timer = null;
    let request = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      const items = list.querySelectorAll("[role=option]");
      if (!items.length) return;
      active = Math.max(0, Math.min(index, items.length - 1));
      items.forEach((item, i) => item.setAttribute("aria-selected", i === active ? "true" : "false"));
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function pick(index) {
      const row = rows[index];
      close();
      if (row) options.onPick(row);
    }

    function show(found) {
      rows = found;
      list.replaceChildren();
      if (!rows.length) {
        close();
        announce(options.text.none);
        return;
      }
      rows.forEach((row, index) => {
        const option = document.createElement("li");
        option.id = `${list.id}-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        const described = options.describe(row);
        const main = document.createElement("span");
        main.className = "main";
        main.textContent = described.main; // text, never HTML: names may contain "<b>"
        option.appendChild(main);
        if (described.detail) {
          const detail = document.createElement("span");
          detail.className = "detail";
          detail.textContent = described.detail;
          option.appendChild(detail);
        }
        if (row.isNew) option.classList.add("new");
        // mousedown, not click: choosing must happen before the input loses focus.
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          pick(index);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      announce(format(options.text.results, { count: rows.length }));
    }

    async function search() {
      const query = input.value.trim();
      const mine = ++request;
      if (query.length < minLength) {
        close();
        return;
      }
      let found = [];
      try {
        const response = await fetch(`${options.url}?q=${encodeURIComponent(query)}`, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          redirect: "manual",
        });
        if (response.ok) found = (await response.json()).results || [];
      } catch (error) {
        found = []; // offline: the typed text is kept and checked when the form is sent
      }
      if (mine !== request) return; // a later keystroke has its own answer
      const extra = options.extra ? options.extra(query, found) : null;
      show(extra ? found.concat([extra]) : found);
    }

    input.addEventListener("input", () => {
      if (options.onType) options.onType();
      clearTimeout(timer);
      timer = setTimeout(search, 180);
    });
    input.addEventListener("keydown", (event) => {
      const open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (open) setActive(active + 1);
        else search().then(() => setActive(0));
      } else if (event.key === "ArrowUp") {
        if (!open) return;
        event.preventDefault();
        setActive(active <= 0 ? rows.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault(); // choose, do not send the form
          pick(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  window.MarsadCombobox = { attach, format };
})();
