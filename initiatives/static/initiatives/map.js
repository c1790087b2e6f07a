// The public map of initiatives. The HTML list beside it holds the same initiatives, so the
// page works without JavaScript; this only adds the map.
(function () {
  "use strict";
  var element = document.getElementById("initiatieven-kaart");
  var data = document.getElementById("kaart-gegevens");
  if (!element || !data || !window.L || !window.Kernportal) { return; }
  var map = window.Kernportal.baseMap(element, JSON.parse(data.textContent), document.getElementById("kaart-status"));
  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }
  fetch(element.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        onEachFeature: function (feature, marker) {
          var p = feature.properties;
          var box = document.createElement("div");
          var link = document.createElement("a");
          link.href = p.url;
          link.textContent = p.title;
          var title = document.createElement("strong");
          title.appendChild(link);
          box.appendChild(title);
          box.appendChild(document.createElement("br"));
          box.appendChild(text(p.kernen.join(", ") + " · " + p.theme + " · " + p.status));
          marker.bindPopup(box);
          marker.options.title = p.title;
          marker.options.alt = p.title;
        }
      }).addTo(map);
      if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 14, padding: [20, 20] }); }
    });
})();
