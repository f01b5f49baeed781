// The playground page: it wires the editors, the request, the response
// pane, the documentation explorer and the history together.

import { classify, prettify, operations, operationAt } from './graphql.js';
import { Editor, tokensToFragment, highlightJSON } from './editor.js';
import { Docs, h } from './docs.js';

const DEFAULT_QUERY = `# Welcome! Write a GraphQL query here and run
# it with Ctrl+Enter (Cmd+Enter on a Mac) or
# the Run button. The Docs panel lists every
# type and field of the API.

query Professions {
  professions(first: 5) {
    totalCount
    edges {
      node {
        id
        title
        slug
      }
    }
  }
}
`;

const HISTORY_SIZE = 20;
// Larger responses are shown without colors, to stay fast.
const HIGHLIGHT_LIMIT = 300_000;
// Larger non-JSON answers are cut.
const RAW_LIMIT = 100_000;

const STATUS_TEXT = {
  200: 'OK', 201: 'Created', 204: 'No Content', 304: 'Not Modified', 400: 'Bad Request',
  401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

const $ = (id) => document.getElementById(id);

const endpoint = document.body.dataset.endpoint || '/graphql';
const endpointURL = new URL(endpoint, window.location.href).href;

// storage keeps the state of the page in localStorage, per endpoint. It
// works (without keeping anything) where localStorage is not available.
const storage = {
  prefix: `playground:${endpoint}:`,
  get(name, fallback) {
    try {
      const v = window.localStorage.getItem(this.prefix + name);
      return v === null ? fallback : v;
    } catch {
      return fallback;
    }
  },
  set(name, value) {
    try {
      window.localStorage.setItem(this.prefix + name, value);
    } catch {
      // Full or not allowed: the page still works.
    }
  },
  getJSON(name, fallback) {
    try {
      const v = JSON.parse(this.get(name, 'null'));
      return v === null ? fallback : v;
    } catch {
      return fallback;
    }
  },
  setJSON(name, value) {
    this.set(name, JSON.stringify(value));
  },
};

function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.flush = (...args) => {
    clearTimeout(timer);
    fn(...args);
  };
  return wrapped;
}

// ---- Editors ----

const save = debounce(() => {
  storage.set('query', queryEditor.value);
  storage.set('variables', variablesEditor.value);
  storage.set('headers', headersEditor.value);
}, 300);

const queryEditor = new Editor(document.querySelector('.editor-main'), {
  highlight: (text) => tokensToFragment(classify(text)),
  onChange: () => {
    save();
    updateOperationHint();
  },
});
const variablesEditor = new Editor($('panel-variables'), {
  highlight: highlightJSON,
  onChange: () => {
    save();
    clearInputError();
  },
});
const headersEditor = new Editor($('panel-headers'), {
  highlight: highlightJSON,
  onChange: () => {
    save();
    clearInputError();
    updateHeaderCount();
  },
});

queryEditor.setValue(storage.get('query', DEFAULT_QUERY), { undoable: false });
variablesEditor.setValue(storage.get('variables', ''), { undoable: false });
headersEditor.setValue(storage.get('headers', ''), { undoable: false });
window.addEventListener('pagehide', () => save.flush());

// ---- Tabs ----

function selectTab(tabs, selected) {
  for (const [tab, panel] of tabs) {
    const on = tab === selected;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    panel.hidden = !on;
  }
}

const inputTabs = [[$('tab-variables'), $('panel-variables')], [$('tab-headers'), $('panel-headers')]];
for (const [tab] of inputTabs) {
  tab.addEventListener('click', () => {
    selectTab(inputTabs, tab);
    storage.set('inputTab', tab.id);
    (tab.id === 'tab-headers' ? headersEditor : variablesEditor).render();
  });
}
if (storage.get('inputTab', '') === 'tab-headers') selectTab(inputTabs, $('tab-headers'));

const sideTabs = [[$('tab-docs'), $('docs')], [$('tab-history'), $('history')]];
for (const [tab] of sideTabs) {
  tab.addEventListener('click', () => selectTab(sideTabs, tab));
}

const side = $('side');
const toggleSide = $('toggle-side');
function showSide(open) {
  document.body.classList.toggle('side-closed', !open);
  toggleSide.setAttribute('aria-expanded', String(open));
  toggleSide.classList.toggle('active', open);
}
// On a narrow screen the panel covers the editors, so it starts closed.
const narrow = window.matchMedia('(max-width: 1100px)');
showSide(storage.get('side', narrow.matches ? 'closed' : 'open') === 'open' && !narrow.matches);
toggleSide.addEventListener('click', () => {
  const open = document.body.classList.contains('side-closed');
  showSide(open);
  storage.set('side', open ? 'open' : 'closed');
});
side.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && narrow.matches) showSide(false);
});

// ---- Input checks ----

const inputError = $('input-error');

function showInputError(message, editor, tabId) {
  inputError.textContent = message;
  if (tabId) {
    selectTab(inputTabs, $(tabId));
    editor.render();
  }
  if (editor) editor.focus();
}

function clearInputError() {
  inputError.textContent = '';
}

// parseJSONObject reads the text of a JSON editor. Empty text is an empty
// object. It throws an Error with a message for a person.
function parseJSONObject(text, what) {
  if (!text.trim()) return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${what} are not valid JSON: ${err.message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what} must be a JSON object, like { "name": "value" }.`);
  }
  return value;
}

function parseHeaders(text) {
  const obj = parseJSONObject(text, 'Headers');
  const headers = {};
  for (const [name, value] of Object.entries(obj)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new Error(`Headers: "${name}" is not a valid header name.`);
    }
    if (value === null || typeof value === 'object') {
      throw new Error(`Headers: the value of "${name}" must be a string.`);
    }
    headers[name] = String(value);
  }
  return headers;
}

const headerCount = $('headers-count');
function updateHeaderCount() {
  let n = 0;
  try {
    n = Object.keys(parseHeaders(headersEditor.value)).length;
  } catch {
    n = 0;
  }
  headerCount.textContent = String(n);
  headerCount.hidden = n === 0;
}
updateHeaderCount();

// ---- Operations ----

const operationHint = $('operation-hint');
function selectedOperation() {
  const q = queryEditor.value;
  return operationAt(q, queryEditor.textarea.selectionStart);
}
function updateOperationHint() {
  const ops = operations(queryEditor.value);
  if (ops.length < 2) {
    operationHint.textContent = '';
    return;
  }
  const op = selectedOperation();
  operationHint.textContent = op ? `runs ${op.type} ${op.name || '(anonymous)'}` : '';
}
for (const ev of ['keyup', 'click', 'focus']) {
  queryEditor.textarea.addEventListener(ev, updateOperationHint);
}
updateOperationHint();

// ---- Requests ----

// send posts a GraphQL request. It returns { response, text, json, ms }
// where json is undefined for an answer that is not JSON. A network error
// throws an Error with network: true.
async function send(body, headers, signal) {
  const started = performance.now();
  let response;
  let text;
  try {
    response = await fetch(endpointURL, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        ...headers,
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
    text = await response.text();
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    const e = new Error(`Could not reach ${endpoint}: ${err.message}. ` +
      'The server may be down, or the request was blocked.');
    e.network = true;
    throw e;
  }
  const ms = performance.now() - started;
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { response, text, json, ms };
}

// ---- Response pane ----

const result = $('result');
const resultNotice = $('result-notice');
const statusEl = $('status');
const copyButton = $('copy');
let resultText = '';

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function setStatus(state, parts) {
  statusEl.dataset.state = state;
  statusEl.replaceChildren(...parts.map((p, i) => {
    const span = h('span', { className: i === 0 ? 'status-main' : 'status-part' }, p);
    return span;
  }));
}

function showResult(text, { highlight = false, notice = null } = {}) {
  resultText = text;
  result.replaceChildren(highlight && text.length <= HIGHLIGHT_LIMIT ? highlightJSON(text) : document.createTextNode(text));
  result.scrollTop = 0;
  resultNotice.replaceChildren();
  resultNotice.hidden = !notice;
  if (notice) resultNotice.append(notice);
  copyButton.disabled = text === '';
}

// errorSummary lists the GraphQL errors of an answer, with links to their
// places in the query.
function errorSummary(errors) {
  const list = h('ul', { className: 'error-list' });
  for (const e of errors.slice(0, 10)) {
    const item = h('li', null);
    const loc = e && Array.isArray(e.locations) && e.locations[0];
    if (loc && Number.isInteger(loc.line)) {
      item.append(h('button', {
        type: 'button',
        className: 'link',
        title: 'Show this place in the query',
        onclick: () => queryEditor.reveal(loc.line, loc.column || 1),
      }, `${loc.line}:${loc.column || 1}`), ' ');
    }
    item.append((e && e.message) || JSON.stringify(e));
    list.append(item);
  }
  const n = errors.length;
  return h('div', { className: 'notice notice-warn' },
    h('strong', null, n === 1 ? 'The answer has an error' : `The answer has ${n} errors`), list);
}

copyButton.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(resultText);
  } catch {
    const range = document.createRange();
    range.selectNodeContents(result);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    document.execCommand('copy');
    sel.removeAllRanges();
  }
  copyButton.textContent = 'Copied';
  setTimeout(() => {
    copyButton.textContent = 'Copy';
  }, 1200);
});

// ---- Run ----

const runButton = $('run');
const runLabel = $('run-label');
let inflight = null;

async function run() {
  if (inflight) {
    // A second click while a request runs cancels it.
    inflight.abort();
    return;
  }
  clearInputError();
  const query = queryEditor.value;
  if (!query.trim()) {
    showInputError('The query is empty.', queryEditor);
    return;
  }
  let variables;
  let headers;
  try {
    variables = parseJSONObject(variablesEditor.value, 'Variables');
  } catch (err) {
    showInputError(err.message, variablesEditor, 'tab-variables');
    return;
  }
  try {
    headers = parseHeaders(headersEditor.value);
  } catch (err) {
    showInputError(err.message, headersEditor, 'tab-headers');
    return;
  }
  const op = selectedOperation();
  const operationName = op && op.name ? op.name : null;
  save.flush();
  addHistory({ query, variables: variablesEditor.value, operationName });

  const controller = new AbortController();
  inflight = controller;
  runButton.classList.add('running');
  runLabel.textContent = 'Cancel';
  setStatus('running', ['Running…']);
  result.setAttribute('aria-busy', 'true');
  try {
    const { response, text, json, ms } = await send({ query, variables, operationName }, headers, controller.signal);
    const code = response.status;
    const statusText = response.statusText || STATUS_TEXT[code] || '';
    const time = `${Math.round(ms)} ms`;
    const size = formatBytes(new TextEncoder().encode(text).length);
    if (json === undefined) {
      const type = response.headers.get('Content-Type') || 'no content type';
      setStatus('error', [`${code} ${statusText}`.trim(), time, size]);
      const shown = text.length > RAW_LIMIT ? text.slice(0, RAW_LIMIT) + '\n…' : text;
      showResult(shown, {
        notice: h('div', { className: 'notice notice-error' },
          h('strong', null, 'The answer is not JSON. '),
          `The server answered with ${type}${text ? '' : ' and an empty body'}.`),
      });
    } else {
      const errors = json && Array.isArray(json.errors) ? json.errors : [];
      const state = !response.ok ? 'error' : errors.length ? 'warn' : 'ok';
      setStatus(state, [`${code} ${statusText}`.trim(), time, size]);
      showResult(JSON.stringify(json, null, 2), {
        highlight: true,
        notice: errors.length ? errorSummary(errors) : null,
      });
    }
  } catch (err) {
    if (err.name === 'AbortError') {
      setStatus('idle', ['Canceled']);
    } else {
      setStatus('error', ['Network error']);
      showResult('', { notice: h('div', { className: 'notice notice-error' }, h('strong', null, 'No answer. '), err.message) });
    }
  } finally {
    inflight = null;
    runButton.classList.remove('running');
    runLabel.textContent = 'Run';
    result.removeAttribute('aria-busy');
  }
}

runButton.addEventListener('click', run);

// ---- Prettify ----

function prettifyAll() {
  clearInputError();
  const { text, error } = prettify(queryEditor.value);
  if (error) {
    showInputError(error[0].toUpperCase() + error.slice(1) + '.', null);
  } else if (text !== queryEditor.value) {
    queryEditor.setValue(text + '\n');
  }
  for (const editor of [variablesEditor, headersEditor]) {
    const t = editor.value;
    if (!t.trim()) continue;
    try {
      const pretty = JSON.stringify(JSON.parse(t), null, 2);
      // Silently: Chrome keeps one undo history for the whole page, and
      // the next undo in the query editor should undo the query's change.
      if (pretty !== t) editor.setValue(pretty, { undoable: false });
      save();
    } catch {
      // Leave text that is not JSON alone; Run says what is wrong.
    }
  }
}
$('prettify').addEventListener('click', prettifyAll);

document.addEventListener('keydown', (ev) => {
  const mod = ev.ctrlKey || ev.metaKey;
  if (mod && ev.key === 'Enter') {
    ev.preventDefault();
    run();
  } else if (mod && ev.shiftKey && (ev.key === 'P' || ev.key === 'p')) {
    ev.preventDefault();
    prettifyAll();
  }
});

// ---- History ----

const historyList = $('history-list');
const historyEmpty = $('history-empty');
const historyClear = $('history-clear');
let history = storage.getJSON('history', []);
if (!Array.isArray(history)) history = [];

function addHistory(entry) {
  history = history.filter((e) => !(e.query === entry.query && e.variables === entry.variables));
  history.unshift({ ...entry, at: Date.now() });
  history = history.slice(0, HISTORY_SIZE);
  storage.setJSON('history', history);
  renderHistory();
}

function ago(t) {
  const s = Math.max(0, Math.round((Date.now() - t) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(t).toLocaleDateString();
}

function historyLabel(entry) {
  if (entry.operationName) return entry.operationName;
  const ops = operations(entry.query);
  if (ops.length && ops[0].name) return ops[0].name;
  const line = entry.query.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
  return line || '(empty)';
}

function renderHistory() {
  historyList.replaceChildren(...history.map((entry, i) => {
    const summary = entry.query.replace(/#[^\n]*/g, '').replace(/\s+/g, ' ').trim();
    return h('li', null, h('button', {
      type: 'button',
      className: 'history-item',
      title: 'Put this query back into the editor',
      dataset: { index: String(i) },
      onclick: () => restore(entry),
    },
    h('span', { className: 'history-name' }, historyLabel(entry)),
    h('span', { className: 'history-time' }, ago(entry.at)),
    h('span', { className: 'history-query' }, summary.length > 120 ? summary.slice(0, 120) + '…' : summary)));
  }));
  historyEmpty.hidden = history.length > 0;
  historyClear.hidden = history.length === 0;
}

function restore(entry) {
  queryEditor.setValue(entry.query);
  variablesEditor.setValue(entry.variables || '', { undoable: !$('panel-variables').hidden });
  save.flush();
  queryEditor.focus();
}

historyClear.addEventListener('click', () => {
  history = [];
  storage.setJSON('history', history);
  renderHistory();
});
$('tab-history').addEventListener('click', renderHistory);
renderHistory();

// ---- Docs ----

const docs = new Docs({
  body: $('docs-body'),
  nav: $('docs-nav'),
  search: $('docs-search'),
  reload: $('docs-reload'),
  request: async (query) => {
    let headers = {};
    try {
      headers = parseHeaders(headersEditor.value);
    } catch {
      headers = {};
    }
    const { response, json } = await send({ query, variables: {}, operationName: 'IntrospectionQuery' }, headers);
    if (json === undefined) {
      throw new Error(`The server answered ${response.status} with ${response.headers.get('Content-Type') || 'no content type'}, not JSON.`);
    }
    if (!response.ok && !(json && json.data)) {
      const messages = (Array.isArray(json.errors) ? json.errors : []).map((e) => e && e.message).filter(Boolean);
      const err = new Error(`The server answered ${response.status}${messages.length ? ': ' + messages.join('; ') : '.'}`);
      throw err;
    }
    return { json };
  },
});
docs.load();

document.documentElement.dataset.ready = 'true';
