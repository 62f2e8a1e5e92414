// The replay sliders: moving one sets its date field to the chosen day of the record (the last
// position means "all"); the form is then sent as any form is. Without script the date fields work alone.
document.querySelectorAll("input[type=range][data-days]").forEach(function (slider) {
  var days = slider.dataset.days ? slider.dataset.days.split(",") : [];
  var field = document.getElementById(slider.dataset.target);
  slider.addEventListener("input", function () {
    var i = parseInt(slider.value, 10);
    field.value = i < days.length ? days[i] : "";
  });
  slider.addEventListener("change", function () { slider.form.submit(); });
});
