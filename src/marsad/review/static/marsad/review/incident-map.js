// The incident page's small map: the governorate's OCHA boundary and the incident's point.
// No tile layer (the app works offline). Without Leaflet the page keeps the coordinates text.
(function () {
  "use strict";
  var holder = document.getElementById("incident-map");
  var source = document.getElementById("incident-map-data");
  if (!holder || !source || typeof window.L === "undefined") {
    if (holder) { holder.hidden = true; }
    return;
  }
  var data = JSON.parse(source.textContent);
  var map = window.L.map(holder, {
    attributionControl: false,
    scrollWheelZoom: false,
    keyboard: true,
  });
  var point = [data.lat, data.lon];
  // The view must be set before any vector layer is added.
  map.setView(point, 9);
  var outline = data.boundary
    ? window.L.geoJSON(data.boundary, {
        style: { color: "#0f5e6e", weight: 2, fillColor: "#0f5e6e", fillOpacity: 0.08 },
        interactive: false,
      })
    : null;
  if (outline && outline.getBounds().isValid()) {
    map.fitBounds(outline.getBounds().extend(point), { padding: [12, 12] });
    outline.addTo(map);
  }
  window.L.circleMarker(point, {
    radius: 8, color: "#fff", weight: 2, fillColor: "#b3261e", fillOpacity: 1,
  }).addTo(map).bindTooltip(data.label || "");
  holder.classList.add("ready");
})();
