// Finds a contact or colleague who is not among the checkboxes the contact-moment form offers,
// and adds a ticked checkbox for them (a colleague also becomes a choice for the follow-up
// owners). Without JavaScript its button posts the form, which the server shows again with
// what it found offered; the server accepts any valid id either way.
"use strict";
(function () {
  function say(box, key, values) {
    var text = box.dataset[key] || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("__" + name + "__").join(String(values[name]));
    });
    box.querySelector("[data-search-status]").textContent = text;
  }

  function checkboxGroup(box) {
    var field = box.dataset.field;
    var wrapper = document.getElementById("div_id_" + field);
    var existing = wrapper && wrapper.querySelector("input[type=checkbox][name='" + field + "']");
    return {wrapper: wrapper, sample: existing ? existing.closest(".form-check") : null};
  }

  function addCheckbox(box, result) {
    var field = box.dataset.field;
    var selector = "input[type=checkbox][name='" + field + "'][value='" + result.id + "']";
    var present = document.querySelector(selector);
    if (present) {
      present.checked = true;
      return false;
    }
    var group = checkboxGroup(box);
    var item = document.createElement("div");
    item.className = "form-check";
    var input = document.createElement("input");
    input.type = "checkbox";
    input.className = "form-check-input";
    input.name = field;
    input.value = String(result.id);
    input.id = "id_" + field + "_zoek_" + result.id;
    input.checked = true;
    var label = document.createElement("label");
    label.className = "form-check-label";
    label.htmlFor = input.id;
    label.textContent = result.name;
    item.appendChild(input);
    item.appendChild(label);
    if (group.sample) {
      group.sample.parentNode.appendChild(item);
    } else if (group.wrapper) {
      var help = group.wrapper.querySelector(".form-text");
      group.wrapper.insertBefore(item, help);
    } else {
      box.parentNode.insertBefore(item, box);
    }
    return true;
  }

  function addOwnerOption(box, result) {
    var selector = box.dataset.ownerSelects;
    if (!selector) return;
    var selects = Array.prototype.slice.call(document.querySelectorAll(selector));
    // The template for rows the formset script adds holds a select too (its innerHTML, which
    // formset.js copies, is read from this content).
    document.querySelectorAll("template[data-formset-empty]").forEach(function (template) {
      selects = selects.concat(Array.prototype.slice.call(template.content.querySelectorAll(selector)));
    });
    selects.forEach(function (select) {
      if (select.querySelector("option[value='" + result.id + "']")) return;
      var option = document.createElement("option");
      option.value = String(result.id);
      option.textContent = result.name;
      select.appendChild(option);
    });
  }

  function showResults(box, data) {
    var list = box.querySelector("[data-search-results]");
    list.textContent = "";
    var results = data.results || [];
    results.forEach(function (result) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-link p-0 text-start";
      button.textContent = result.name + (result.detail ? " – " + result.detail : "");
      button.setAttribute("aria-label", (box.dataset.addLabel || "").split("__name__").join(result.name));
      button.addEventListener("click", function () {
        var added = addCheckbox(box, result);
        addOwnerOption(box, result);
        list.textContent = "";
        say(box, added ? "added" : "already", {name: result.name});
        box.querySelector("input[type=search]").focus();
      });
      li.appendChild(button);
      list.appendChild(li);
    });
    if (!results.length) {
      say(box, "none");
    } else if (results.length >= data.limit) {
      say(box, "more", {count: data.limit});
    } else {
      say(box, "count", {count: results.length});
    }
  }

  function search(box) {
    var input = box.querySelector("input[type=search]");
    var query = input.value.trim();
    var min = parseInt(box.dataset.minLength || "2", 10);
    if (query.length < min) {
      box.querySelector("[data-search-results]").textContent = "";
      say(box, "short", {count: min});
      return;
    }
    var url = box.dataset.url + "?q=" + encodeURIComponent(query);
    fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        // A slower answer to an older query must not replace the newer one.
        if (input.value.trim() === query) showResults(box, data);
      })
      .catch(function () {
        say(box, "failed");
      });
  }

  document.querySelectorAll("[data-participant-search]").forEach(function (box) {
    var input = box.querySelector("input[type=search]");
    var timer = null;
    box.querySelector("[data-search-button]").addEventListener("click", function (event) {
      event.preventDefault(); // the button posts the form only without this script
      search(box);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // search, do not submit the contact moment
        search(box);
      }
    });
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        search(box);
      }, 300);
    });
  });
})();
