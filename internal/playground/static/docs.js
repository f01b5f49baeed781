// The schema documentation explorer of the playground. It loads the schema
// with the introspection query and shows the root fields, the types, their
// fields, arguments, enum values, input fields, interfaces and possible
// types, with a back link and a search over the names of types and fields.

import { INTROSPECTION_QUERY, BASIC_INTROSPECTION_QUERY } from './graphql.js';

const KIND_LABELS = {
  OBJECT: 'type',
  INTERFACE: 'interface',
  UNION: 'union',
  ENUM: 'enum',
  INPUT_OBJECT: 'input',
  SCALAR: 'scalar',
};

const KIND_ORDER = ['OBJECT', 'INTERFACE', 'UNION', 'INPUT_OBJECT', 'ENUM', 'SCALAR'];

const KIND_HEADINGS = {
  OBJECT: 'Object types',
  INTERFACE: 'Interfaces',
  UNION: 'Unions',
  INPUT_OBJECT: 'Input types',
  ENUM: 'Enums',
  SCALAR: 'Scalars',
};

// h makes an element. attrs may hold className, dataset (an object), on*
// handlers and other attributes; children are nodes or strings (as text).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'className') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2).toLowerCase(), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

// typeName gives the text of a type reference, such as "[String!]!".
export function typeName(ref) {
  if (!ref) return '';
  if (ref.kind === 'NON_NULL') return typeName(ref.ofType) + '!';
  if (ref.kind === 'LIST') return '[' + typeName(ref.ofType) + ']';
  return ref.name || '';
}

function namedType(ref) {
  while (ref && ref.ofType && (ref.kind === 'NON_NULL' || ref.kind === 'LIST')) ref = ref.ofType;
  return ref ? ref.name : '';
}

// description renders a description: paragraphs split at blank lines, and
// `code` in backquotes. Everything else stays plain text.
function description(text, className = 'desc') {
  if (!text) return null;
  const box = h('div', { className });
  for (const para of String(text).trim().split(/\n\s*\n/)) {
    const p = h('p');
    const parts = para.split(/(`[^`\n]+`)/);
    for (const part of parts) {
      if (part.length > 2 && part.startsWith('`') && part.endsWith('`')) {
        p.append(h('code', null, part.slice(1, -1)));
      } else if (part) {
        p.append(document.createTextNode(part));
      }
    }
    box.append(p);
  }
  return box;
}

function deprecation(item) {
  if (!item.isDeprecated) return null;
  return h('div', { className: 'deprecated-note' },
    h('span', { className: 'tag tag-deprecated' }, 'deprecated'),
    item.deprecationReason ? ' ' + item.deprecationReason : '');
}

export class Docs {
  // body, nav and search are the elements of the panel. request(query)
  // sends a query and returns { json } or throws an Error.
  constructor({ body, nav, search, reload, request }) {
    this.body = body;
    this.nav = nav;
    this.search = search;
    this.request = request;
    this.schema = null;
    this.types = new Map();
    this.stack = [{ view: 'root' }];
    this.loading = null;

    search.addEventListener('input', () => this.render());
    search.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && search.value) {
        search.value = '';
        this.render();
      }
    });
    if (reload) reload.addEventListener('click', () => this.load());
    // Links carry the place they lead to in data attributes.
    body.addEventListener('click', (ev) => this.follow(ev));
    nav.addEventListener('click', (ev) => this.follow(ev));
  }

  follow(ev) {
    const a = ev.target.closest('a[data-type], a[data-back]');
    if (!a) return;
    ev.preventDefault();
    if (a.dataset.back !== undefined) {
      if (this.stack.length > 1) this.stack.pop();
    } else if (a.dataset.field) {
      this.push({ view: 'field', type: a.dataset.type, field: a.dataset.field });
    } else {
      this.push({ view: 'type', type: a.dataset.type });
    }
    this.search.value = '';
    this.render();
    this.body.scrollTop = 0;
  }

  push(place) {
    const top = this.stack[this.stack.length - 1];
    if (top.view === place.view && top.type === place.type && top.field === place.field) return;
    this.stack.push(place);
  }

  // load runs the introspection query and shows the schema, or says why it
  // could not.
  async load() {
    this.body.replaceChildren(h('p', { className: 'muted' }, 'Loading the schema…'));
    this.nav.replaceChildren();
    const attempt = async (query) => {
      const { json } = await this.request(query);
      if (json && json.data && json.data.__schema) return json.data.__schema;
      const messages = (json && Array.isArray(json.errors) ? json.errors : [])
        .map((e) => (e && e.message) || String(e));
      throw new Error(messages.length ? messages.join('; ') : 'the answer has no schema');
    };
    try {
      let schema;
      try {
        schema = await attempt(INTROSPECTION_QUERY);
      } catch (err) {
        if (err.network) throw err;
        // An older server may not know the description of the schema or
        // specifiedByURL.
        schema = await attempt(BASIC_INTROSPECTION_QUERY);
      }
      this.setSchema(schema);
    } catch (err) {
      this.schema = null;
      this.body.dataset.state = 'error';
      this.body.replaceChildren(
        h('div', { className: 'docs-error', role: 'status' },
          h('p', null, h('strong', null, 'The schema could not be loaded.')),
          h('p', null, err.message || String(err)),
          h('p', { className: 'muted' },
            'Introspection may be disabled on this server, or it may need a header (see Headers). ' +
            'You can still write and run queries.'),
          h('button', { type: 'button', className: 'button small', onclick: () => this.load() }, 'Try again')));
    }
  }

  setSchema(schema) {
    this.schema = schema;
    this.types = new Map((schema.types || []).filter((t) => t && t.name).map((t) => [t.name, t]));
    this.body.dataset.state = 'ready';
    // Keep the place when the schema is reloaded, if it still exists.
    this.stack = this.stack.filter((p) => p.view === 'root' || this.types.has(p.type));
    if (this.stack.length === 0) this.stack = [{ view: 'root' }];
    this.render();
  }

  // roots gives the root operation types as [label, type].
  roots() {
    const s = this.schema;
    const out = [];
    for (const [label, ref] of [['Query', s.queryType], ['Mutation', s.mutationType], ['Subscription', s.subscriptionType]]) {
      if (ref && ref.name && this.types.has(ref.name)) out.push([label, this.types.get(ref.name)]);
    }
    return out;
  }

  render() {
    if (!this.schema) return;
    const q = this.search.value.trim();
    this.renderNav(q);
    let view;
    if (q) {
      view = this.searchView(q);
    } else {
      const place = this.stack[this.stack.length - 1];
      if (place.view === 'type') view = this.typeView(this.types.get(place.type));
      else if (place.view === 'field') view = this.fieldView(this.types.get(place.type), place.field);
      else view = this.rootView();
    }
    this.body.replaceChildren(view);
  }

  title(place) {
    if (place.view === 'type') return place.type;
    if (place.view === 'field') return place.type + '.' + place.field;
    return 'Schema';
  }

  renderNav(q) {
    const items = [];
    if (q) {
      items.push(h('span', { className: 'crumb' }, 'Search results'));
    } else if (this.stack.length > 1) {
      const prev = this.stack[this.stack.length - 2];
      items.push(h('a', { href: '#', className: 'back', dataset: { back: '' }, title: 'Back to ' + this.title(prev) },
        '‹ ' + this.title(prev)));
    }
    this.nav.replaceChildren(...items);
    this.nav.hidden = items.length === 0;
  }

  typeLink(name, className = 'type-link') {
    return h('a', { href: '#', className, dataset: { type: name } }, name);
  }

  // typeRef renders a type reference with a link on the named type.
  typeRef(ref) {
    const span = h('span', { className: 'type-ref' });
    const walk = (r) => {
      if (!r) return;
      if (r.kind === 'NON_NULL') {
        walk(r.ofType);
        span.append('!');
      } else if (r.kind === 'LIST') {
        span.append('[');
        walk(r.ofType);
        span.append(']');
      } else {
        span.append(this.typeLink(r.name));
      }
    };
    walk(ref);
    return span;
  }

  argList(args, block) {
    if (!args || args.length === 0) return null;
    const span = h('span', { className: block ? 'args args-block' : 'args' });
    span.append('(');
    args.forEach((a, i) => {
      const item = h('span', { className: 'arg' },
        h('span', { className: 'arg-name' }, a.name), ': ', this.typeRef(a.type));
      if (a.defaultValue !== null && a.defaultValue !== undefined) {
        item.append(' = ', h('span', { className: 'default' }, a.defaultValue));
      }
      span.append(item);
      if (i < args.length - 1) span.append(block ? '' : ', ');
    });
    span.append(')');
    return span;
  }

  fieldList(type) {
    const list = h('ul', { className: 'fields' });
    for (const f of type.fields || []) {
      const args = f.args || [];
      const block = args.length > 2;
      list.append(h('li', { className: f.isDeprecated ? 'field is-deprecated' : 'field', dataset: { fieldName: f.name } },
        h('div', { className: 'sig' },
          h('a', { href: '#', className: 'field-name', dataset: { type: type.name, field: f.name } }, f.name),
          this.argList(args, block), ': ', this.typeRef(f.type)),
        description(f.description),
        deprecation(f)));
    }
    return list;
  }

  rootView() {
    const s = this.schema;
    const view = h('div', { className: 'docs-view' });
    view.append(h('h3', { className: 'docs-title' }, 'Schema'));
    view.append(description(s.description) || h('p', { className: 'muted' },
      'Pick a field or a type to read about it, or search above.'));
    for (const [label, type] of this.roots()) {
      view.append(h('section', { className: 'docs-section', dataset: { root: label.toLowerCase() } },
        h('h4', { className: 'with-link' }, h('span', null, label),
          h('a', { href: '#', className: 'root-type', dataset: { type: type.name }, title: `The type ${type.name}` }, `type ${type.name} ›`)),
        this.fieldList(type)));
    }
    const rootNames = new Set(this.roots().map(([, t]) => t.name));
    const byKind = new Map();
    for (const t of this.types.values()) {
      if (t.name.startsWith('__') || rootNames.has(t.name)) continue;
      if (!byKind.has(t.kind)) byKind.set(t.kind, []);
      byKind.get(t.kind).push(t);
    }
    const all = h('section', { className: 'docs-section' }, h('h4', null, 'All types'));
    for (const kind of KIND_ORDER) {
      const types = byKind.get(kind);
      if (!types || types.length === 0) continue;
      types.sort((a, b) => a.name.localeCompare(b.name));
      all.append(h('h5', null, KIND_HEADINGS[kind]),
        h('ul', { className: 'type-list' }, types.map((t) => h('li', null, this.typeLink(t.name)))));
    }
    view.append(all);
    return view;
  }

  typeView(type) {
    if (!type) return h('p', { className: 'muted' }, 'This type is not in the schema.');
    const view = h('div', { className: 'docs-view', dataset: { typeName: type.name } });
    view.append(h('h3', { className: 'docs-title' },
      h('span', { className: 'tag tag-kind' }, KIND_LABELS[type.kind] || type.kind.toLowerCase()), ' ', type.name));
    view.append(description(type.description));
    if (type.specifiedByURL) {
      view.append(h('p', { className: 'muted small' }, 'Specified by ', h('code', null, type.specifiedByURL)));
    }
    if (type.interfaces && type.interfaces.length) {
      view.append(h('section', { className: 'docs-section' }, h('h4', null, 'Implements'),
        h('ul', { className: 'type-list' }, type.interfaces.map((i) => h('li', null, this.typeLink(namedType(i)))))));
    }
    if (type.fields && type.fields.length) {
      view.append(h('section', { className: 'docs-section' }, h('h4', null, 'Fields'), this.fieldList(type)));
    }
    if (type.inputFields && type.inputFields.length) {
      const list = h('ul', { className: 'fields' });
      for (const f of type.inputFields) {
        const sig = h('div', { className: 'sig' }, h('span', { className: 'field-name plain' }, f.name), ': ', this.typeRef(f.type));
        if (f.defaultValue !== null && f.defaultValue !== undefined) sig.append(' = ', h('span', { className: 'default' }, f.defaultValue));
        list.append(h('li', { className: 'field', dataset: { fieldName: f.name } }, sig, description(f.description)));
      }
      view.append(h('section', { className: 'docs-section' }, h('h4', null, 'Input fields'), list));
    }
    if (type.enumValues && type.enumValues.length) {
      const list = h('ul', { className: 'fields' });
      for (const v of type.enumValues) {
        list.append(h('li', { className: v.isDeprecated ? 'field is-deprecated' : 'field' },
          h('div', { className: 'sig' }, h('span', { className: 'enum-value' }, v.name)),
          description(v.description), deprecation(v)));
      }
      view.append(h('section', { className: 'docs-section' }, h('h4', null, 'Values'), list));
    }
    if (type.possibleTypes && type.possibleTypes.length) {
      view.append(h('section', { className: 'docs-section' },
        h('h4', null, type.kind === 'UNION' ? 'Members' : 'Implemented by'),
        h('ul', { className: 'type-list' }, type.possibleTypes.map((p) => h('li', null, this.typeLink(namedType(p)))))));
    }
    return view;
  }

  fieldView(type, name) {
    const field = type && (type.fields || []).find((f) => f.name === name);
    if (!field) return h('p', { className: 'muted' }, 'This field is not in the schema.');
    const view = h('div', { className: 'docs-view' });
    view.append(h('h3', { className: 'docs-title' },
      h('span', { className: 'tag tag-kind' }, 'field'), ' ', this.typeLink(type.name, 'type-link parent'), '.', field.name));
    view.append(h('p', { className: 'sig' }, 'Type: ', this.typeRef(field.type)));
    view.append(description(field.description));
    view.append(deprecation(field));
    if (field.args && field.args.length) {
      const list = h('ul', { className: 'fields' });
      for (const a of field.args) {
        const sig = h('div', { className: 'sig' }, h('span', { className: 'arg-name' }, a.name), ': ', this.typeRef(a.type));
        if (a.defaultValue !== null && a.defaultValue !== undefined) sig.append(' = ', h('span', { className: 'default' }, a.defaultValue));
        list.append(h('li', { className: 'field' }, sig, description(a.description)));
      }
      view.append(h('section', { className: 'docs-section' }, h('h4', null, 'Arguments'), list));
    }
    return view;
  }

  searchView(q) {
    const needle = q.toLowerCase();
    const introspection = needle.startsWith('__');
    const types = [];
    const fields = [];
    for (const t of this.types.values()) {
      if (t.name.startsWith('__') && !introspection) continue;
      if (t.name.toLowerCase().includes(needle)) types.push(t);
      for (const f of [...(t.fields || []), ...(t.inputFields || [])]) {
        if (f.name.toLowerCase().includes(needle)) fields.push([t, f]);
      }
    }
    const rank = (name) => (name.toLowerCase() === needle ? 0 : name.toLowerCase().startsWith(needle) ? 1 : 2);
    types.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
    fields.sort((a, b) => rank(a[1].name) - rank(b[1].name) || a[0].name.localeCompare(b[0].name) || a[1].name.localeCompare(b[1].name));

    const view = h('div', { className: 'docs-view search-results' });
    if (types.length === 0 && fields.length === 0) {
      view.append(h('p', { className: 'muted' }, `Nothing matches “${q}”.`));
      return view;
    }
    const LIMIT = 100;
    if (types.length) {
      view.append(h('section', { className: 'docs-section' }, h('h4', null, 'Types'),
        h('ul', { className: 'type-list' }, types.slice(0, LIMIT).map((t) =>
          h('li', null, this.typeLink(t.name), ' ', h('span', { className: 'tag tag-kind' }, KIND_LABELS[t.kind] || t.kind))))));
    }
    if (fields.length) {
      view.append(h('section', { className: 'docs-section' }, h('h4', null, 'Fields'),
        h('ul', { className: 'type-list' }, fields.slice(0, LIMIT).map(([t, f]) => {
          const link = t.fields && t.fields.includes(f)
            ? h('a', { href: '#', dataset: { type: t.name, field: f.name } }, f.name)
            : h('a', { href: '#', dataset: { type: t.name } }, f.name);
          return h('li', { dataset: { fieldName: f.name } }, h('span', { className: 'muted' }, t.name + '.'), link,
            ': ', h('span', { className: 'type-ref plain' }, typeName(f.type)));
        }))));
    }
    if (types.length > LIMIT || fields.length > LIMIT) {
      view.append(h('p', { className: 'muted small' }, 'Only the first results are shown. Type more to narrow them.'));
    }
    return view;
  }
}
