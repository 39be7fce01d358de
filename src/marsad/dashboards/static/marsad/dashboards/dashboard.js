/* The analysis dashboard: draws the chart (Vega-Lite) and the map (Leaflet) from the rows the
   server put in #dashboard-data, so the table, the chart and the map show the same numbers.
   No eval anywhere: the Content-Security-Policy forbids it, so Vega runs its expressions
   through vega-interpreter. */
(function () {
  "use strict";

  // A drop-down list of checkboxes (<details class="pick">) closes when one clicks elsewhere
  // or presses Escape, as a <select> would.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.pick[open]").forEach(function (pick) {
      if (!pick.contains(event.target)) pick.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.pick[open]").forEach(function (pick) { pick.open = false; });
  });

  const source = document.getElementById("dashboard-data");
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const rtl = document.documentElement.dir === "rtl";
  // Light to dark, ending on the site's accent colour; zero and unknown stay grey.
  const COLOURS = ["#d5ebee", "#9fd0d8", "#5fafbd", "#2a8597", "#0f5e6e"];
  const EMPTY = "#f1f3f5";

  function formatNumber(value, rate) {
    if (value === null || value === undefined) return "—";
    return Number(value).toLocaleString("en-US", {
      minimumFractionDigits: rate ? 2 : 0,
      maximumFractionDigits: rate ? 2 : 0,
    });
  }

  function drawChart() {
    const container = document.getElementById("chart");
    if (!container) return;
    const options = {
      renderer: "svg",
      actions: false,
      ast: true,
      expr: vega.expressionInterpreter,
    };
    vegaEmbed(container, data.spec, options)
      .then(function (result) {
        container.dataset.rendered = "true";
        window.marsadChart = result.view;
      })
      .catch(function (error) {
        container.textContent = data.text.chart_failed;
        container.dataset.rendered = "error";
        console.error(error);
      });
  }

  // Equal classes from 0 with a round step (1, 2, 2.5 or 5 times a power of ten), as few as
  // the largest value needs, spread over the colour ramp.
  function classSteps(max, rate) {
    if (!(max > 0)) return [];
    const rough = max / COLOURS.length;
    const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    let step = [1, 2, 2.5, 5, 10].map(function (f) { return f * magnitude; })
      .find(function (s) { return s * COLOURS.length >= max; });
    if (!rate) step = Math.max(1, Math.ceil(step));
    const count = Math.min(COLOURS.length, Math.ceil(max / step));
    const steps = [];
    for (let i = 0; i < count; i++) {
      const shade = count === 1 ? COLOURS.length - 1
        : Math.round(i * (COLOURS.length - 1) / (count - 1));
      steps.push({ from: i * step, to: (i + 1) * step, colour: COLOURS[shade] });
    }
    return steps;
  }

  function colourFor(value, steps) {
    if (!(value > 0) || !steps.length) return EMPTY;
    for (let i = 0; i < steps.length; i++) {
      if (value <= steps[i].to) return steps[i].colour;
    }
    return steps[steps.length - 1].colour;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function legend(map, steps, settings) {
    const control = L.control({ position: rtl ? "bottomleft" : "bottomright" });
    control.onAdd = function () {
      const box = element("div", "map-legend");
      box.dir = rtl ? "rtl" : "ltr";
      box.appendChild(element("div", "title", settings.measure_label));
      const rows = [{ colour: EMPTY, text: settings.rate ? "—" : "0" }];
      steps.forEach(function (step) {
        const low = settings.rate ? step.from : Math.floor(step.from) + 1;
        rows.push({
          colour: step.colour,
          text: formatNumber(low, settings.rate) + "–" + formatNumber(step.to, settings.rate),
        });
      });
      rows.forEach(function (row) {
        const line = element("div");
        const swatch = element("i");
        swatch.style.background = row.colour;
        line.appendChild(swatch);
        // Ranges read left to right in Arabic too ("1–20", not "20–1").
        const range = element("bdi", "", row.text);
        range.dir = "ltr";
        line.appendChild(range);
        box.appendChild(line);
      });
      return box;
    };
    control.addTo(map);
  }

  function tip(name, value, settings) {
    const box = element("div", "map-tip");
    box.dir = rtl ? "rtl" : "ltr";
    box.appendChild(element("div", "name", name));
    box.appendChild(
      element("div", "value", settings.measure_label + ": " + formatNumber(value, settings.rate)),
    );
    return box;
  }

  function drawMap() {
    const container = document.getElementById("map");
    if (!container) return;
    const settings = data.map;
    // No tile server: the map is the shipped boundaries alone, so it works offline.
    const map = L.map(container, { zoomSnap: 0.25, scrollWheelZoom: false, attributionControl: true });
    map.attributionControl.setPrefix(false);
    const credit = element("span", "", data.text.boundaries);
    credit.dir = rtl ? "rtl" : "ltr";
    map.attributionControl.addAttribution(credit.outerHTML);  // textContent escaped it
    map.setView([35, 38.5], 6);
    const byPcode = new Map(settings.rows.map(function (row) { return [row.pcode, row]; }));
    const max = Math.max(0, ...settings.rows.map(function (row) { return row.value || 0; }));
    const steps = classSteps(max, settings.rate);
    fetch(settings.boundaries, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      })
      .then(function (geojson) {
        const layer = L.geoJSON(geojson, {
          style: function (feature) {
            const row = byPcode.get(feature.properties.pcode);
            return {
              fillColor: colourFor(row ? row.value : 0, steps),
              fillOpacity: 0.9,
              color: "#ffffff",
              weight: 1,
            };
          },
          onEachFeature: function (feature, shape) {
            const row = byPcode.get(feature.properties.pcode);
            const props = feature.properties;
            const name = row ? row.name : (data.lang === "ar" ? props.name_ar : props.name_en);
            shape.bindTooltip(tip(name, row ? row.value : 0, settings), { sticky: true });
          },
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [8, 8] });
        legend(map, steps, settings);
        container.dataset.rendered = "true";
      })
      .catch(function (error) {
        container.textContent = data.text.map_failed;
        container.dataset.rendered = "error";
        console.error(error);
      });
  }

  function wireCopy() {
    const button = document.getElementById("copy-link");
    const input = document.getElementById("share-link");
    if (!button || !input) return;
    button.addEventListener("click", function () {
      input.select();
      const done = function () { button.textContent = data.text.copied; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done);
      } else if (document.execCommand("copy")) {
        done();
      }
    });
  }

  drawChart();
  drawMap();
  wireCopy();
})();
