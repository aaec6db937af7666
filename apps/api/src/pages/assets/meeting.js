/* The meeting pages: the filing form shows the fields of the kind of amendment chosen, and a
 * click on a part of the papers (or a line number) fills in where the amendment applies. No
 * inline script anywhere, so the pages run under a strict Content-Security-Policy. */
/* global document */
(function () {
  'use strict';

  function showFieldsOfKind(form) {
    var chosen = form.querySelector('input[name="type"]:checked');
    var kind = chosen ? chosen.value : '';
    form.querySelectorAll('.filing-field[data-for]').forEach(function (field) {
      var kinds = field.getAttribute('data-for');
      field.hidden = kinds !== '' && kinds.split(' ').indexOf(kind) < 0;
    });
  }

  function prepare(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll('form.filing-form').forEach(showFieldsOfKind);
  }

  /** The filing form: a part chosen clears the lines typed, and the other way round. */
  document.addEventListener('change', function (event) {
    var target = event.target;
    var form = target.closest && target.closest('form.filing-form');
    if (!form) return;
    if (target.name === 'type') showFieldsOfKind(form);
    if (target.name === 'del' && target.value !== '') form.querySelector('[name="linjer"]').value = '';
  });
  document.addEventListener('input', function (event) {
    var target = event.target;
    var form = target.closest && target.closest('form.filing-form');
    if (form && target.name === 'linjer' && target.value !== '')
      form.querySelector('[name="del"]').value = '';
  });

  /** The papers: a click on a part of the plan, or on a line number, says where the amendment applies. */
  document.addEventListener('click', function (event) {
    var picker = event.target.closest && event.target.closest('[data-cite]');
    if (!picker) return;
    var form = document.getElementById('forslagsskjema');
    if (!form) return;
    event.preventDefault();
    var cite = picker.getAttribute('data-cite');
    if (cite.indexOf(':') > 0) {
      form.querySelector('[name="del"]').value = cite;
      form.querySelector('[name="linjer"]').value = '';
    } else {
      form.querySelector('[name="linjer"]').value = cite;
      form.querySelector('[name="del"]').value = '';
    }
    var details = form.closest('details');
    if (details) details.open = true;
    form.scrollIntoView({ block: 'start' });
    form.querySelector('input[name="type"]:checked, input[name="type"]').focus();
  });

  document.addEventListener('DOMContentLoaded', function () {
    prepare(document);
  });
  document.addEventListener('htmx:afterSettle', function (event) {
    prepare(event.target);
  });
})();
