// The one script of the chair's minutes form, served from the app's own origin
// (/c/<county>/assets/minutes-form.js) so the CSP can allow it with `script-src 'self'` and still
// refuse every inline script. It only adds to a form that works without it:
//   - "新增一筆決議" / "新增一項待辦事項" copy the last row as a blank one, renumbered, so rows can be
//     added without a save (without the script the page offers three blank rows, and three more
//     after a save; with it, one blank row is kept, so the form is shorter on a phone);
//   - a committee's quorum line is counted again as members are ticked (without the script it is
//     counted when the page is rendered).
// Plain ES5 in a string, not a compiled function: a bundler's helpers must not leak into it.
// Keep the quorum wording the same as quorumText (core/minutes/committee-attendance.ts).
export const minutesFormScript = String.raw`(function () {
  'use strict';
  var form = document.querySelector('form[data-minutes-form]');
  if (!form) return;
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var idOf = function (name) { return 'f-' + name.replace(/[^A-Za-z0-9-]+/g, '-'); };

  each(form.querySelectorAll('fieldset[data-rows]'), function (set) {
    var button = set.querySelector('[data-add-row]');
    if (!button) return;
    var max = Number(set.getAttribute('data-max')) || 30;
    var rows = function () { return set.querySelectorAll('[data-row]'); };
    var refresh = function () { button.hidden = rows().length >= max; };
    var blank = function (row) {
      var empty = true;
      each(row.querySelectorAll('textarea, input'), function (field) { if (field.value) empty = false; });
      each(row.querySelectorAll('select'), function (field) { if (field.selectedIndex > 0) empty = false; });
      return empty;
    };
    // The blank rows offered for browsers without this script: one is enough when rows can be added.
    var all = rows();
    for (var last = all.length - 1; last > 0 && blank(all[last]) && blank(all[last - 1]); last--) {
      all[last].parentNode.removeChild(all[last]);
    }
    button.addEventListener('click', function () {
      var all = rows();
      if (all.length >= max) return;
      var index = all.length;
      var copy = all[all.length - 1].cloneNode(true);
      var renamed = {};
      each(copy.querySelectorAll('[name]'), function (field) {
        var parts = field.name.split('.');
        parts[1] = String(index);
        field.name = parts.join('.');
        if (field.id) { renamed[field.id] = idOf(field.name); field.id = idOf(field.name); }
        field.removeAttribute('aria-invalid');
        field.removeAttribute('aria-describedby');
        if (field.tagName === 'SELECT') field.selectedIndex = 0;
        else field.value = '';
      });
      each(copy.querySelectorAll('label[for]'), function (label) {
        var target = renamed[label.getAttribute('for')];
        if (target) label.setAttribute('for', target);
      });
      each(copy.querySelectorAll('.field-error'), function (error) { error.parentNode.removeChild(error); });
      each(copy.querySelectorAll('[data-number]'), function (number) { number.textContent = String(index + 1); });
      set.insertBefore(copy, button);
      var first = copy.querySelector('textarea, input, select');
      if (first) first.focus();
      refresh();
    });
    refresh();
  });

  each(form.querySelectorAll('fieldset[data-committee]'), function (committee) {
    var status = committee.querySelector('[data-quorum-status]');
    var quorum = Number(committee.getAttribute('data-quorum'));
    if (!status || !quorum) return;
    var count = function () {
      var members = committee.querySelectorAll('.member').length;
      var present = committee.querySelectorAll('input[value="present"]:checked').length;
      var marked = committee.querySelectorAll('input[type="radio"]:checked').length;
      var met = present >= quorum;
      var verdict = marked < members && !met ? '尚有 ' + (members - marked) + ' 位未勾選' : met ? '已達法定出席人數' : '未達法定出席人數';
      status.textContent = '出席 ' + present + ' 位／委員 ' + members + ' 位，法定出席人數 ' + quorum + ' 位：' + verdict;
      status.className = met ? 'quorum met' : 'quorum';
    };
    committee.addEventListener('change', count);
  });
})();
`;
