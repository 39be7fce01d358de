/* The desk's filter form: shorter shareable URLs, districts of the chosen governorate only,
   and place suggestions from the gazetteer. Everything works without this file too. */
(function () {
  "use strict";

  var form = document.querySelector("form.desk-filters");
  if (!form) return;

  // Empty fields add nothing to a filter: leave them out of the URL a reader shares.
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && !el.value) el.disabled = true;
    });
  });
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
  });

  // District P-codes begin with their governorate's (SY12 → SY1201…).
  var governorate = form.elements.governorate;
  var district = form.elements.district;
  if (governorate && district) {
    var groups = Array.prototype.slice.call(district.querySelectorAll("optgroup"));
    var narrow = function () {
      var chosen = governorate.value;
      groups.forEach(function (group) {
        var inside = !chosen || (group.firstElementChild && group.firstElementChild.value.indexOf(chosen) === 0);
        if (inside && !group.parentNode) district.appendChild(group);
        if (!inside && group.parentNode) group.parentNode.removeChild(group);
      });
      if (district.value && chosen && district.value.indexOf(chosen) !== 0) district.value = "";
    };
    governorate.addEventListener("change", narrow);
    narrow();
  }

  // Place suggestions: type two letters of a name in either script, pick a P-code.
  var place = form.elements.place;
  var list = document.getElementById("desk-places");
  if (place && list && window.fetch) {
    var timer = null;
    var last = "";
    place.addEventListener("input", function () {
      clearTimeout(timer);
      var text = place.value.trim();
      if (text.length < 2 || text === last) return;
      timer = setTimeout(function () {
        last = text;
        fetch(list.dataset.suggest + "?q=" + encodeURIComponent(text), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : {places: []}; })
          .then(function (data) {
            list.textContent = "";
            data.places.forEach(function (p) {
              var option = document.createElement("option");
              option.value = p.pcode;
              option.label = p.within ? p.name + " — " + p.within : p.name;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience; typing a name works too */ });
      }, 200);
    });
  }
})();
