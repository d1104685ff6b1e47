// "Try it": sends the forms of /ui/try to POST /predict and POST /predict/batch from the
// browser, with the user's token when one is in use, and draws the answers. Plain browser
// JavaScript served as a file: no inline script, so the page keeps its strict CSP.
'use strict';

(function () {
  // Pasted CSV as records of fields: quoted fields may hold commas, newlines and doubled
  // quotes. Each record says the line it starts on, for the table and for errors.
  function parseCsv(text) {
    var records = [];
    var fields = [];
    var field = '';
    var quoted = false;
    var line = 1;
    var start = 1;
    var wasQuoted = false;
    var i = 0;
    function endField() {
      fields.push(field);
      field = '';
      wasQuoted = false;
    }
    function endRecord() {
      endField();
      var blank = fields.length === 1 && fields[0].trim() === '';
      if (!blank) records.push({ line: start, fields: fields });
      fields = [];
    }
    while (i < text.length) {
      var c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          if (c === '\n') line++;
          field += c;
        }
        i++;
        continue;
      }
      if (c === '"' && field.trim() === '' && !wasQuoted) {
        field = '';
        quoted = true;
        wasQuoted = true;
      } else if (c === ',') {
        endField();
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        endRecord();
        line++;
        start = line;
      } else {
        field += c;
      }
      i++;
    }
    if (quoted) throw new Error('line ' + start + ': a quote opened there is never closed');
    endRecord();
    return records;
  }

  // Records as products: the first field is the designation, the rest the description (an
  // unquoted description may hold commas); a first line naming the columns is a header.
  function productsOf(records) {
    var first = records[0];
    if (first && /^(designation|title)$/i.test(first.fields[0].trim())) records = records.slice(1);
    return records.map(function (r) {
      return {
        line: r.line,
        designation: r.fields[0].trim(),
        description: r.fields.slice(1).join(',').trim(),
      };
    });
  }

  function headers() {
    var auth = window.rakutenConsole ? window.rakutenConsole.authHeaders() : {};
    return Object.assign({ 'Content-Type': 'application/json' }, auth);
  }

  // The API's error message, as its shared error shape carries it, with the field at fault.
  function post(path, body) {
    return fetch(path, { method: 'POST', headers: headers(), body: JSON.stringify(body) }).then(
      function (res) {
        return res.text().then(function (text) {
          var answer;
          try {
            answer = text ? JSON.parse(text) : null;
          } catch {
            // Not JSON (a proxy's error page): the status says what happened.
            answer = null;
          }
          if (!res.ok) {
            var error = answer && answer.error;
            var message = error ? error.message : 'HTTP ' + res.status;
            if (error && error.details && error.details.length > 0) {
              message +=
                ': ' +
                error.details
                  .map(function (d) {
                    return d.field + ' ' + d.message;
                  })
                  .join('; ');
            }
            throw new Error(message);
          }
          return answer;
        });
      },
    );
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function percent(confidence) {
    return (confidence * 100).toFixed(1) + '%';
  }

  function showError(status, error) {
    status.setAttribute('role', 'alert');
    status.textContent = 'refused: ' + error.message;
  }

  function showStatus(status, text) {
    status.setAttribute('role', 'status');
    status.textContent = text;
  }

  function setupOne() {
    var form = document.getElementById('try-one');
    if (!form) return;
    var status = document.getElementById('try-one-status');
    var result = document.getElementById('try-one-result');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      showStatus(status, 'classifying…');
      post('/predict', {
        designation: form.elements.designation.value,
        description: form.elements.description.value,
      })
        .then(function (answer) {
          document.getElementById('try-one-version').textContent = answer.model_version;
          var body = document.querySelector('#try-top tbody');
          body.textContent = '';
          answer.top_k.slice(0, 3).forEach(function (c) {
            var row = document.createElement('tr');
            row.setAttribute('data-code', String(c.code));
            cell(row, String(c.code), 'num');
            cell(row, c.category);
            cell(row, percent(c.confidence), 'num');
            var track = document.createElement('div');
            track.className = 'bar-track';
            var bar = document.createElement('div');
            bar.className = 'bar';
            bar.style.width = Math.max(0, Math.min(100, c.confidence * 100)).toFixed(2) + '%';
            track.appendChild(bar);
            cell(row, '').appendChild(track);
            body.appendChild(row);
          });
          result.hidden = false;
          showStatus(
            status,
            answer.category_code + ' ' + answer.category + ', ' + percent(answer.confidence),
          );
        })
        .catch(function (error) {
          result.hidden = true;
          showError(status, error);
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }

  function setupBatch() {
    var form = document.getElementById('try-batch');
    if (!form) return;
    var status = document.getElementById('try-batch-status');
    var result = document.getElementById('try-batch-result');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var products;
      try {
        products = productsOf(parseCsv(form.elements.csv.value));
      } catch (error) {
        result.hidden = true;
        showError(status, error);
        return;
      }
      if (products.length === 0) {
        result.hidden = true;
        showError(status, new Error('no line to classify'));
        return;
      }
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      showStatus(status, 'classifying ' + products.length + ' lines…');
      post('/predict/batch', {
        items: products.map(function (p) {
          return { designation: p.designation, description: p.description };
        }),
      })
        .then(function (answer) {
          document.getElementById('try-batch-version').textContent = answer.model_version;
          var body = document.querySelector('#try-batch-table tbody');
          body.textContent = '';
          answer.predictions.forEach(function (p, k) {
            var row = document.createElement('tr');
            cell(row, String(products[k].line), 'num');
            cell(row, products[k].designation);
            cell(row, String(p.category_code), 'num');
            cell(row, p.category);
            cell(row, percent(p.confidence), 'num');
            body.appendChild(row);
          });
          result.hidden = false;
          showStatus(status, answer.predictions.length + ' lines classified');
        })
        .catch(function (error) {
          result.hidden = true;
          showError(status, error);
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }

  // For the browser tests: the parser, as the page uses it.
  window.rakutenTry = { parseCsv: parseCsv, productsOf: productsOf };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () {
      setupOne();
      setupBatch();
    });
  } else {
    setupOne();
    setupBatch();
  }
})();
