// Pick the place of an initiative on the submit form: click the map, drag the pin, pick a kern
// from the search box, or (keyboard) pan with the arrow keys and press "Plek hier zetten" or
// Enter. The latitude/longitude fields stay the source of truth, so the form works unchanged
// without JavaScript or without the map. Every text it shows comes from the map element's
// data-text-* attributes, translated by the page (the CSP allows no inline script).
(function () {
  "use strict";
  var element = document.getElementById("plek-kaart");
  var data = document.getElementById("plek-kaart-gegevens");
  if (!element || !data || !window.L || !window.Kernportal) { return; }
  var config = JSON.parse(data.textContent);
  var lat = document.getElementById("id_latitude");
  var lng = document.getElementById("id_longitude");
  var status = document.getElementById("plek-status");
  var here = document.getElementById("plek-hier");
  var clear = document.getElementById("plek-wissen");
  var search = document.getElementById("plek-zoek");
  var map = window.Kernportal.baseMap(element, config, document.getElementById("plek-kaart-melding"));
  var marker = null;
  var texts = element.dataset;
  here.hidden = false;

  function say(text) { status.textContent = text; }
  function read(input) {
    var value = parseFloat((input.value || "").replace(",", "."));
    return isNaN(value) ? null : value;
  }
  function write(latlng) {
    lat.value = latlng.lat.toFixed(5).replace(".", ",");
    lng.value = latlng.lng.toFixed(5).replace(".", ",");
  }
  function place(latlng, message) {
    if (!marker) {
      marker = L.marker(latlng, { draggable: true, keyboard: true, title: texts.textPin, alt: texts.textPin }).addTo(map);
      marker.on("dragend", function () {
        write(marker.getLatLng());
        say(texts.textMoved);
      });
    } else {
      marker.setLatLng(latlng);
    }
    write(latlng);
    clear.hidden = false;
    say(message);
  }

  var start = [read(lat), read(lng)];
  if (start[0] !== null && start[1] !== null) {
    place(L.latLng(start[0], start[1]), texts.textShown);
    map.setView(marker.getLatLng(), 15);
  }

  map.on("click", function (event) { place(event.latlng, texts.textClicked); });
  here.addEventListener("click", function () { place(map.getCenter(), texts.textCentre); });
  element.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target === element) {
      event.preventDefault();
      place(map.getCenter(), texts.textCentre);
    }
  });
  clear.addEventListener("click", function () {
    if (marker) { map.removeLayer(marker); marker = null; }
    lat.value = "";
    lng.value = "";
    clear.hidden = true;
    say(texts.textRemoved);
  });
  function kernNamed(name) {
    name = (name || "").trim().toLowerCase();
    return (config.kernen || []).filter(function (k) { return k.name.toLowerCase() === name; })[0];
  }
  search.addEventListener("change", function () {
    var kern = kernNamed(search.value);
    if (!kern) {
      say(texts.textNotFound);
      return;
    }
    map.setView([kern.lat, kern.lng], 15);
    place(L.latLng(kern.lat, kern.lng), texts.textKern.replace("{kern}", kern.name));
  });
  // Ticking a kern shows it on the map, without choosing a place yet.
  document.querySelectorAll("input[name=kernen]").forEach(function (box) {
    box.addEventListener("change", function () {
      var kern = (config.kernen || []).filter(function (k) { return String(k.id) === box.value; })[0];
      if (box.checked && kern && !marker) { map.setView([kern.lat, kern.lng], 14); }
    });
  });
})();
