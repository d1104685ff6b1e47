// The console's one script: the bearer token, operation forms and charts. The pages work
// without it for reading; it only adds what needs a token or a canvas. No build step: plain
// browser JavaScript served as a file, so the Content-Security-Policy can stay 'self'.
'use strict';

(function () {
  var TOKEN_KEY = 'rakuten-console-token';
  // The scope ladder of core/auth/scopes.ts: what each scope may do.
  var GRANTS = {
    predict: ['predict'],
    operate: ['predict', 'operate'],
    admin: ['predict', 'operate', 'admin'],
  };
  var caller = null;

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function authHeaders() {
    var t = token();
    return t ? { Authorization: 'Bearer ' + t } : {};
  }

  function may(scope) {
    return caller !== null && GRANTS[caller.scope].indexOf(scope) >= 0;
  }

  // Operations stay hidden and disabled until a token that grants them is in use: never shown
  // half-working.
  function applyScope(root) {
    root.querySelectorAll('[data-needs]').forEach(function (el) {
      var allowed = may(el.getAttribute('data-needs'));
      el.hidden = !allowed;
      el.querySelectorAll('button, input, select, textarea').forEach(function (c) {
        c.disabled = !allowed;
      });
    });
    root.querySelectorAll('[data-needs-none]').forEach(function (el) {
      el.hidden = may(el.getAttribute('data-needs-none'));
    });
  }

  function showCaller(message) {
    var status = document.getElementById('token-status');
    var forget = document.getElementById('token-forget');
    if (status) status.textContent = message;
    if (forget) forget.hidden = token() === null;
  }

  function checkToken() {
    if (!token()) {
      caller = null;
      showCaller('read only: no token');
      applyScope(document);
      return Promise.resolve();
    }
    return fetch('/whoami', { headers: authHeaders() })
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) throw new Error(body.error ? body.error.message : 'HTTP ' + res.status);
          caller = body;
          showCaller(body.scope + ' token of ' + body.name);
        });
      })
      .catch(function (error) {
        caller = null;
        showCaller('token refused: ' + error.message);
      })
      .then(function () {
        applyScope(document);
      });
  }

  function setupToken() {
    var form = document.getElementById('token-form');
    if (!form || form.dataset.ready) return;
    form.dataset.ready = 'true';
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var input = document.getElementById('token-input');
      var value = input.value.trim();
      if (value) sessionStorage.setItem(TOKEN_KEY, value);
      input.value = '';
      checkToken();
    });
    document.getElementById('token-forget').addEventListener('click', function () {
      sessionStorage.removeItem(TOKEN_KEY);
      checkToken();
    });
  }

  // <form data-operation="/models/m-1/promote" data-method="POST">: its fields are sent as a
  // JSON body with the token; the answer, or the API's error message, is shown in the form's
  // [role=status]; on success the page reloads, to show what changed.
  function formBody(form) {
    var body = {};
    // Unchecked boxes are absent from FormData: each box is read as a boolean instead.
    new FormData(form).forEach(function (value, name) {
      var field = form.elements[name];
      if (field && field.type === 'number') body[name] = Number(value);
      else if (value !== '' && !(field && field.type === 'checkbox')) body[name] = value;
    });
    form.querySelectorAll('input[type=checkbox][name]').forEach(function (box) {
      body[box.name] = box.checked;
    });
    return body;
  }

  function setupOperations(root) {
    root.querySelectorAll('form[data-operation]').forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = 'true';
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var status = form.querySelector('[role=status]');
        var submit = form.querySelector('button[type=submit]');
        if (submit) submit.disabled = true;
        if (status) status.textContent = 'working…';
        fetch(form.getAttribute('data-operation'), {
          method: form.getAttribute('data-method') || 'POST',
          headers: Object.assign({ 'Content-Type': 'application/json' }, authHeaders()),
          body: JSON.stringify(formBody(form)),
        })
          .then(function (res) {
            return res.text().then(function (text) {
              var body = text ? JSON.parse(text) : {};
              if (!res.ok) throw new Error(body.error ? body.error.message : 'HTTP ' + res.status);
              if (status) status.textContent = form.getAttribute('data-done') || 'done';
              form.dispatchEvent(new CustomEvent('operation-done', { detail: body }));
              if (form.hasAttribute('data-reload')) {
                setTimeout(function () {
                  window.location.reload();
                }, 400);
              }
            });
          })
          .catch(function (error) {
            if (status) status.textContent = 'refused: ' + error.message;
          })
          .then(function () {
            if (submit) submit.disabled = false;
          });
      });
    });
  }

  // <div data-chart="id-of-a-json-block">: the block holds a complete ECharts option, built on
  // the server, so the pages need no script of their own to draw.
  var charts = [];
  function setupCharts(root) {
    if (typeof echarts === 'undefined') return;
    root.querySelectorAll('[data-chart]').forEach(function (el) {
      if (el.dataset.ready) return;
      var block = document.getElementById(el.getAttribute('data-chart'));
      if (!block) return;
      el.dataset.ready = 'true';
      var chart = echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption(JSON.parse(block.textContent));
      charts.push(chart);
    });
  }
  window.addEventListener('resize', function () {
    charts.forEach(function (chart) {
      chart.resize();
    });
  });

  function setup(root) {
    setupOperations(root);
    setupCharts(root);
    applyScope(root);
  }

  // For the pages' own scripts (try.js): the token's headers and the caller's scope.
  window.rakutenConsole = { authHeaders: authHeaders, may: may, setup: setup };

  document.addEventListener('DOMContentLoaded', function () {
    setupToken();
    setup(document);
    checkToken();
  });
  // Sections htmx swaps in (a table's next page) get the same treatment.
  document.addEventListener('htmx:load', function (event) {
    setup(event.target);
  });
})();
