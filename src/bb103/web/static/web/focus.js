/* Moves keyboard focus to what a person must read next (issue 16, point 3: WCAG 2.1 2.4.3
   Focus Order, 3.3.1 Error Identification, 4.1.3 Status Messages). Without it focus is left
   on <body> after a failed submit, or on a button htmx has just removed, and a keyboard or
   screen reader user starts over from the top of the page.

   - After a page load or an htmx swap that shows a form's errors: the error summary
     (web/form_fields.html), as GOV.UK's and Det Fælles Designsystem's error summary does.
   - Otherwise after a page load with messages (a step was registered and the browser was
     sent back to the case page): the messages, as GOV.UK's success banner does.
   - After an htmx swap that took away the focused element and whose new content is itself
     a status or an alert (a task marked done on a task list swaps in its line): that
     status, inside the line.
   - A link in the error summary focuses its field and shows the field's label or legend
     with it (the browser would scroll the label out of sight).

   A static file of the site's own: the Content-Security-Policy runs no inline script. The
   pages work without it; only the focus stays where the browser leaves it. */
(function () {
  "use strict";

  var SUMMARY = "[data-error-summary]";

  function moveFocus(element) {
    // A summary or message is no control: tabindex -1 lets a script focus it while Tab
    // still skips it.
    if (!element.hasAttribute("tabindex")) {
      element.setAttribute("tabindex", "-1");
    }
    element.setAttribute("data-focus-moved", "");
    element.focus();
  }

  function within(root, selector) {
    if (root.matches && root.matches(selector)) {
      return root;
    }
    return root.querySelector ? root.querySelector(selector) : null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var target = document.querySelector(SUMMARY);
    // A page that focused a field itself (the login's autofocus) keeps it over a message.
    if (!target && (!document.activeElement || document.activeElement === document.body)) {
      target = document.querySelector("main .messages");
    }
    if (target) {
      moveFocus(target);
    }
  });

  // htmx announces each piece of content it has swapped in (and the body once at start,
  // which DOMContentLoaded has seen to).
  document.addEventListener("htmx:load", function (event) {
    var root = event.target;
    if (!root || root === document.body || root.nodeType !== 1) {
      return;
    }
    var target = within(root, SUMMARY);
    // A status only when the swap took the focused element away (the task's button went
    // with its line): a search's results arriving while someone types keep the focus in
    // the search field.
    var lost = !document.activeElement || document.activeElement === document.body;
    // The line is a list item, so its status is the element inside it (a list item keeps
    // its own role: WCAG 1.3.1).
    if (!target && lost) {
      target = within(root, "[role=status], [role=alert]");
    }
    if (target) {
      moveFocus(target);
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(SUMMARY + " a[href^='#']") : null;
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) {
      return;
    }
    event.preventDefault();
    var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
    var label = legend || (field.id && document.querySelector("label[for='" + CSS.escape(field.id) + "']"));
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
