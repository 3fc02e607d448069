// The thank-you form: the station list offers only the chosen force's stations. Without this
// script the list stays grouped by force, and the server refuses a station of another force.
(function () {
  "use strict";
  var force = document.getElementById("id_force");
  var station = document.getElementById("id_station");
  if (!force || !station) {
    return;
  }
  var original = station.cloneNode(true);
  var blank = original.querySelector("option[value='']");

  function offerStationsOf(slug) {
    var chosen = station.value;
    station.textContent = "";
    if (blank) {
      station.appendChild(blank.cloneNode(true));
    }
    if (slug) {
      original.querySelectorAll("option[data-force]").forEach(function (option) {
        if (option.getAttribute("data-force") === slug) {
          station.appendChild(option.cloneNode(true));
        }
      });
    } else {
      Array.prototype.forEach.call(original.children, function (child) {
        if (child.tagName === "OPTGROUP") {
          station.appendChild(child.cloneNode(true));
        }
      });
    }
    var stillThere = Array.prototype.some.call(station.options, function (option) {
      return option.value === chosen;
    });
    station.value = stillThere ? chosen : "";
  }

  force.addEventListener("change", function () {
    offerStationsOf(force.value);
  });
  offerStationsOf(force.value);
})();
