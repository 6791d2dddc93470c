/**
 * The interactive API page at `/docs`: one self-contained HTML file (no CDN, no fonts,
 * nothing fetched but `/openapi.json` and the calls you make), so it works offline. It
 * lists the operations, and sends a request with the bearer key you type (kept in this
 * tab's session storage only) and shows the response, streams included. Every value
 * from the description or a response is written as text, never as HTML.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>casebook HTTP API</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d232a; background: #f6f7f9; }
  header { padding: 16px 24px; background: #1d232a; color: #fff; }
  header h1 { margin: 0 0 4px; font-size: 18px; }
  header input { width: 420px; max-width: 90%; padding: 6px; font: inherit; }
  main { padding: 16px 24px; max-width: 1100px; }
  details { background: #fff; border: 1px solid #d5d9de; border-radius: 6px; margin: 8px 0; }
  summary { cursor: pointer; padding: 8px 12px; }
  .method { display: inline-block; width: 52px; font-weight: 600; text-transform: uppercase; }
  .get { color: #0b6e4f; } .post { color: #8a4b08; }
  .path { font-family: ui-monospace, monospace; }
  .body { padding: 0 12px 12px; }
  label { display: block; margin: 6px 0 2px; font-weight: 600; }
  input.field, textarea { width: 100%; box-sizing: border-box; padding: 4px;
    font: 13px ui-monospace, monospace; }
  textarea { min-height: 90px; }
  pre { background: #1d232a; color: #e6e6e6; padding: 8px; overflow: auto;
    max-height: 420px; white-space: pre-wrap; }
  .roles { color: #5b6470; font-size: 12px; }
  button { margin-top: 8px; padding: 5px 14px; font: inherit; cursor: pointer; }
  h2 { font-size: 15px; margin: 20px 0 4px; text-transform: capitalize; }
</style>
</head>
<body>
<header>
  <h1>casebook HTTP API</h1>
  <div id="info"></div>
  <label for="key">API key (Authorization: Bearer &hellip;)</label>
  <input id="key" type="password" autocomplete="off" placeholder="cbk_...">
</header>
<main id="ops">Loading /openapi.json&hellip;</main>
<script>
(function () {
  var keyInput = document.getElementById('key');
  keyInput.value = sessionStorage.getItem('casebook-key') || '';
  keyInput.addEventListener('input', function () {
    sessionStorage.setItem('casebook-key', keyInput.value);
  });

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function operation(path, method, op) {
    var box = el('details');
    var summary = el('summary');
    summary.appendChild(el('span', { class: 'method ' + method }, method));
    summary.appendChild(el('span', { class: 'path' }, path + '  '));
    summary.appendChild(document.createTextNode(op.summary || ''));
    box.appendChild(summary);
    var body = el('div', { class: 'body' });
    if (op.description) body.appendChild(el('p', {}, op.description));
    var roles = op['x-roles'] || [];
    body.appendChild(el('p', { class: 'roles' },
      roles.length ? 'Roles: ' + roles.join(', ') : 'Public: no key needed'));

    var inputs = [];
    (op.parameters || []).forEach(function (param) {
      var where = param.in + (param.required ? ', required' : '');
      body.appendChild(el('label', {}, param.name + ' (' + where + ')'));
      var input = el('input', { class: 'field', placeholder: param.description || '' });
      inputs.push({ param: param, input: input });
      body.appendChild(input);
    });
    var textarea;
    if (op.requestBody) {
      body.appendChild(el('label', {}, 'Body (JSON)'));
      textarea = el('textarea');
      textarea.value = '{}';
      body.appendChild(textarea);
    }
    var send = el('button', {}, 'Send');
    var out = el('pre', {}, '');
    body.appendChild(send);
    body.appendChild(out);
    box.appendChild(body);

    send.addEventListener('click', function () {
      var url = path;
      var query = new URLSearchParams();
      var headers = {};
      inputs.forEach(function (item) {
        var value = item.input.value;
        if (value === '') return;
        if (item.param.in === 'path') {
          url = url.replace('{' + item.param.name + '}', encodeURIComponent(value));
        }
        if (item.param.in === 'query') query.set(item.param.name, value);
        if (item.param.in === 'header') headers[item.param.name] = value;
      });
      if (query.toString()) url += '?' + query.toString();
      if (keyInput.value) headers.Authorization = 'Bearer ' + keyInput.value;
      var init = { method: method.toUpperCase(), headers: headers };
      if (textarea) { init.body = textarea.value; headers['Content-Type'] = 'application/json'; }
      out.textContent = init.method + ' ' + url + '\\n';
      fetch(url, init).then(function (response) {
        out.textContent += response.status + ' ' + response.statusText + '\\n\\n';
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var text = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              try { out.textContent += JSON.stringify(JSON.parse(text), null, 2); }
              catch (e) { out.textContent += text; }
              return;
            }
            var piece = decoder.decode(chunk.value, { stream: true });
            if ((response.headers.get('content-type') || '').indexOf('text/event-stream') === 0) {
              out.textContent += piece;
            } else {
              text += piece;
            }
            return pump();
          });
        }
        return pump();
      }).catch(function (error) { out.textContent += String(error); });
    });
    return box;
  }

  fetch('/openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
    document.getElementById('info').textContent =
      doc.info.title + ' ' + doc.info.version + ': ' + doc.info.description;
    var main = document.getElementById('ops');
    main.textContent = '';
    var byTag = {};
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method];
        var tag = (op.tags && op.tags[0]) || 'other';
        (byTag[tag] = byTag[tag] || []).push(operation(path, method, op));
      });
    });
    Object.keys(byTag).forEach(function (tag) {
      main.appendChild(el('h2', {}, tag));
      byTag[tag].forEach(function (node) { main.appendChild(node); });
    });
  }).catch(function (error) {
    document.getElementById('ops').textContent = 'Could not load /openapi.json: ' + error;
  });
})();
</script>
</body>
</html>
`;
