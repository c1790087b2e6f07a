// The base of every initiatives map: tiles from the configured service, and the kernen as
// named points that stay readable when the tiles cannot load (no internet, blocked service).
// What it says comes from the map element's data-text-* attributes, translated by the page.
(function () {
  "use strict";
  window.Kernportal = window.Kernportal || {};

  window.Kernportal.baseMap = function (element, config, status) {
    var map = L.map(element, { keyboard: true });
    var kernen = config.kernen || [];
    if (kernen.length) {
      map.fitBounds(kernen.map(function (k) { return [k.lat, k.lng]; }), { padding: [30, 30], maxZoom: 13 });
    } else {
      map.setView([52.1, 5.3], 8);
    }
    function say(text) { if (status && text) { status.textContent = text; } }
    if (config.tiles) {
      var failed = false;
      L.tileLayer(config.tiles, { maxZoom: 19, attribution: config.attribution || "" })
        .on("tileerror", function () {
          if (!failed) {
            failed = true;
            say(element.dataset.textNoTiles);
          }
        })
        .addTo(map);
    } else {
      say(element.dataset.textTilesOff);
    }
    kernen.forEach(function (k) {
      L.circleMarker([k.lat, k.lng], { radius: 6, color: "#0d3b66", weight: 2, fillOpacity: 0.6, interactive: false })
        .bindTooltip(k.name, { permanent: true, direction: "right", className: "kern-label" })
        .addTo(map);
    });
    return map;
  };
})();
