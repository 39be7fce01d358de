/* The entry form: place, actor and source suggestions, date inputs that follow the precision,
 * a map to pick a point, and the draft that keeps what has been typed (drafts.js). */
(function () {
  "use strict";

  const ARABIC = /[\u0600-\u06FF]/;

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  function setSelect(select, value, onlyIfEmpty) {
    if (!select || (onlyIfEmpty && select.value)) return;
    if (Array.from(select.options).some((option) => option.value === value)) {
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function showNew(box, on) {
    const block = byId(box.dataset.new);
    const check = byId(box.dataset.newCheck);
    if (!block || !check) return;
    check.checked = on;
    if (on) block.hidden = false;
    else if (!check.checked) block.hidden = true;
  }

  function choose(box, value, text, chosenText) {
    const input = box.querySelector("[role=combobox]");
    const hidden = byId(box.dataset.hidden);
    if (hidden) hidden.value = value;
    if (text !== null) input.value = text;
    const chosen = byId(box.dataset.chosen);
    if (chosen) {
      chosen.textContent = chosenText ? `✓ ${chosenText}` : "";
      chosen.classList.remove("none");
    }
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function placeName(row, arabic) {
    // The name in the script the monitor typed in: what they meant, spelled as the gazetteer does.
    return (arabic ? row.name_ar : row.name_en) || row.name;
  }

  function pickPlace(box, row, arabic, form) {
    choose(box, row.pcode, placeName(row, arabic), `${row.label} · ${row.pcode}`);
    setSelect(form.elements.place_precision, row.level, false);
  }

  function setupCombos(form, config) {
    const C = window.MarsadCombobox;
    const text = config.text;
    form.querySelectorAll("[data-combo]").forEach((box) => {
      const kind = box.dataset.combo;
      const input = box.querySelector("[role=combobox]");
      const options = { url: box.dataset.url, text, minLength: kind === "place" || kind === "place-text" ? 2 : 1 };
      options.onType = () => {
        if (box.dataset.hidden) choose(box, "", null, "");
      };
      if (kind === "place" || kind === "place-text") {
        options.describe = (row) => ({ main: row.label, detail: `${ARABIC.test(row.label) ? row.name_en : row.name_ar} · ${row.pcode}` });
        options.onPick = (row) => {
          if (kind === "place") pickPlace(box, row, ARABIC.test(input.value), form);
          else choose(box, "", row.label, "");
        };
      } else {
        const isActor = kind === "actor";
        options.describe = (row) =>
          row.isNew ? { main: C.format(isActor ? text.newActor : text.newSource, { name: row.name }) } : { main: row.label, detail: isActor ? row.type_label : "" };
        options.extra = (query, rows) => {
          if (!box.dataset.new) return null;
          const same = rows.some((row) => (row.name || "").trim() === query);
          return same ? null : { isNew: true, name: query };
        };
        options.onPick = (row) => {
          if (row.isNew) {
            choose(box, "", row.name, "");
            showNew(box, true);
            const name = byId(box.dataset.newName);
            if (name && !name.value) name.value = row.name;
            const next = byId(box.dataset.new).querySelector("select");
            if (next) next.focus();
            return;
          }
          choose(box, String(row.id), row.name, row.label + (row.type_label && isActor ? ` (${row.type_label})` : ""));
          showNew(box, false);
          if (isActor) setSelect(form.elements.perpetrator_type, row.type, true);
        };
      }
      C.attach(box, options);
    });
  }

  function setupDates(form) {
    const group = form.querySelector("[data-dategroup]");
    if (!group) return;
    const update = () => {
      const checked = group.querySelector("input[name=date_precision]:checked");
      const precision = checked ? checked.value : "day";
      group.querySelectorAll("[data-precisions]").forEach((block) => {
        block.hidden = !block.dataset.precisions.split(" ").includes(precision);
      });
    };
    group.addEventListener("change", update);
    update();
    return update;
  }

  function setupMap(form, config) {
    const details = form.querySelector("details.mappick");
    const box = form.querySelector("[data-combo=place]");
    if (!details || !box || !window.L || !config.boundaries) {
      if (details) details.hidden = true;
      return;
    }
    let map = null;
    let marker = null;
    details.addEventListener("toggle", async () => {
      if (!details.open || map) return;
      const element = byId("entry-map");
      map = L.map(element, { scrollWheelZoom: false, attributionControl: true }).setView([35, 38.5], 6);
      map.attributionControl.setPrefix(false);  // as on the other maps: no link off this site
      try {
        const response = await fetch(config.boundaries, { credentials: "same-origin" });
        const layer = L.geoJSON(await response.json(), { style: { color: "#0f5e6e", weight: 1, fillOpacity: 0.05 } }).addTo(map);
        map.fitBounds(layer.getBounds());
        map.attributionControl.addAttribution("OCHA COD-AB");
      } catch (error) {
        element.textContent = config.text.mapFailed;
        return;
      }
      map.on("click", async (event) => {
        const { lat, lng } = event.latlng;
        const response = await fetch(`${config.point}?lat=${lat.toFixed(5)}&lon=${lng.toFixed(5)}`, { credentials: "same-origin", redirect: "manual" });
        const rows = response.ok ? (await response.json()).results : [];
        if (marker) marker.remove();
        marker = L.circleMarker(event.latlng, { radius: 7, color: "#a32020" }).addTo(map);
        if (!rows.length) {
          const chosen = byId(box.dataset.chosen);
          chosen.textContent = config.text.noPlace;
          chosen.classList.add("none");
          return;
        }
        const input = box.querySelector("[role=combobox]");
        pickPlace(box, rows[0], document.documentElement.lang === "ar", form);
        setSelect(form.elements.place_precision, "point", false);
        if (form.elements.latitude) form.elements.latitude.value = lat.toFixed(5);
        if (form.elements.longitude) form.elements.longitude.value = lng.toFixed(5);
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
  }

  function start() {
    const form = document.getElementById("entry-form");
    if (!form) return;
    const config = JSON.parse(document.getElementById("entry-config").textContent);
    form.classList.add("js");
    setupCombos(form, config);
    const updateDates = setupDates(form);
    setupMap(form, config);
    form.querySelectorAll("input[type=checkbox][name$=_new]").forEach((check) => {
      check.addEventListener("change", () => {
        if (!check.checked && check.closest(".newblock")) check.closest(".newblock").hidden = true;
      });
    });
    const note = document.getElementById("restored-note");
    const drafts = window.MarsadDrafts.start(form, config, () => {
      if (updateDates) updateDates();
      form.querySelectorAll("input[type=checkbox][name$=_new]:checked").forEach((check) => {
        check.closest(".newblock").hidden = false;
      });
      note.textContent = config.text.restored + " ";
      const afresh = document.createElement("button");
      afresh.type = "button";
      afresh.className = "link";
      afresh.textContent = config.text.afresh;
      afresh.addEventListener("click", () => {
        drafts.startAfresh();
        window.location.reload();
      });
      note.appendChild(afresh);
      note.hidden = false;
    });
    // Enter in a one-line field must not send a half-filled report; the button sends it.
    form.addEventListener("keydown", (event) => {
      const target = event.target;
      if (event.key === "Enter" && !event.defaultPrevented && target.tagName === "INPUT" && !["submit", "button", "checkbox", "radio"].includes(target.type)) {
        event.preventDefault();
      }
    });
    const summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
