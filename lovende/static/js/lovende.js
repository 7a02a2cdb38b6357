// Small behaviours htmx attributes cannot express. No inline scripts: the CSP refuses them (HDR-01).
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]")) {
    event.target.form.submit();
  }
});

document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// htmx 2 does not swap 4xx answers by default; a 422 carries the form with its errors.
document.addEventListener("DOMContentLoaded", () => {
  if (window.htmx) {
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "422", swap: true },
      { code: "[45]..", swap: false, error: true },
    ];
  }
});

// Charts: each [data-vega-spec] names a json_script element holding a Vega-Lite spec.
// ast: true makes Vega interpret expressions instead of compiling them (no eval under a CSP);
// defaultStyle and the tooltip's default style are off because they are injected as inline
// <style> elements, which the CSP refuses: lovende.css carries them instead.
window.addEventListener("load", () => {
  if (!window.vegaEmbed) {
    return;
  }
  document.querySelectorAll("[data-vega-spec]").forEach((element) => {
    const spec = JSON.parse(document.getElementById(element.dataset.vegaSpec).textContent);
    window.vegaEmbed(element, spec, {
      actions: false,
      renderer: "svg",
      ast: true,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true },
    });
  });
});

// Self-report sliders start untouched: the citizen must move each one before "Færdig".
document.addEventListener("input", (event) => {
  if (event.target.matches("form[data-self-report] input[type=range]")) {
    event.target.dataset.touched = "true";
    const form = event.target.form;
    if (!form.querySelector("input[type=range]:not([data-touched])")) {
      form.querySelector(".lovende-vas-missing").hidden = true;
    }
  }
});
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form[data-self-report]")) {
    return;
  }
  const untouched = form.querySelectorAll("input[type=range]:not([data-touched])");
  if (untouched.length) {
    event.preventDefault();
    form.querySelector(".lovende-vas-missing").hidden = false;
    untouched[0].focus();
  }
});

// The print view opens the print dialog once the charts have drawn.
window.addEventListener("load", () => {
  if (document.body.hasAttribute("data-print-on-load")) {
    window.setTimeout(() => window.print(), 500);
  }
});
