/* The incident map: OCHA boundaries, incidents clustered and coloured by type, the counts in
   the legend and on the container (data-count), markers that open their incident. */
(function () {
  "use strict";

  var el = document.getElementById("desk-map");
  if (!el || !window.L) return;
  var text = JSON.parse(document.getElementById("desk-map-text").textContent);
  var PALETTE_SIZE = 8; // desk.css defines .t0 … .t7

  var map = L.map(el, {minZoom: 5, maxZoom: 15, zoomSnap: 0.5});
  map.fitBounds([[32.3, 35.6], [37.35, 42.4]]); // Syria
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(text.boundaries);
  if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, {maxZoom: 18}).addTo(map);

  var line = function (weight, colour) {
    return {color: colour, weight: weight, fill: false, interactive: false};
  };
  var governorates = L.geoJSON(null, {style: line(1.6, "#44515f")}).addTo(map);
  var districts = L.geoJSON(null, {style: line(0.7, "#8592a1")});
  var load = function (layer, url) {
    if (layer._loaded) return;
    layer._loaded = true;
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); })
      .then(function (data) { layer.addData(data); layer.bringToBack(); })
      .catch(function () { layer._loaded = false; });
  };
  load(governorates, el.dataset.governorates);
  var overlays = {};
  overlays[text.governorates] = governorates;
  overlays[text.districts] = districts;
  L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  map.on("overlayadd", function (e) {
    if (e.layer === districts) load(districts, el.dataset.districts);
  });

  var clusters = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: true
  });
  map.addLayer(clusters);

  var status = document.getElementById("desk-map-status");
  var legend = document.getElementById("desk-legend-types");

  function pair(term, value) {
    var dt = document.createElement("dt");
    var dd = document.createElement("dd");
    dt.textContent = term;
    dd.textContent = value;
    status.appendChild(dt);
    status.appendChild(dd);
  }

  function draw(data) {
    var url = function (id) { return data.incident_url.replace("{id}", id); };
    var markers = data.points.map(function (p) {
      var type = data.types[p[3]];
      var label = "#" + p[0] + " · " + type.label + " · " + p[5] + (data.places[p[6]] ? " · " + data.places[p[6]] : "") +
        (p[4] ? " (" + text.approximate_marker + ")" : "");
      var marker = L.marker([p[1], p[2]], {
        icon: L.divIcon({className: "desk-pin t" + (p[3] % PALETTE_SIZE) + (p[4] ? " approx" : ""), iconSize: [14, 14]}),
        title: label,
        alt: label,
        keyboard: true
      });
      marker.on("click", function () { window.location.href = url(p[0]); });
      return marker;
    });
    clusters.addLayers(markers);

    status.textContent = "";
    pair(text.count, data.count);
    pair(text.placed, data.placed);
    pair(text.approximate, data.approximate);
    pair(text.unplaced, data.unplaced);
    legend.textContent = "";
    data.types.forEach(function (type, i) {
      if (!type.count) return;
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "desk-pin desk-pin-sample t" + (i % PALETTE_SIZE);
      swatch.setAttribute("aria-hidden", "true");
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + type.label + ": " + type.count));
      legend.appendChild(item);
    });
    if (markers.length) map.fitBounds(clusters.getBounds(), {padding: [40, 40], maxZoom: 8});
    el.dataset.count = data.count;
    el.dataset.placed = data.placed;
    el.dataset.unplaced = data.unplaced;
    el.dataset.loaded = "true";
  }

  fetch(el.dataset.src, {credentials: "same-origin", headers: {Accept: "application/json"}})
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(draw)
    .catch(function () {
      status.textContent = "";
      var dt = document.createElement("dt");
      dt.className = "error";
      dt.textContent = text.failed;
      status.appendChild(dt);
      el.dataset.loaded = "failed";
    });
})();
