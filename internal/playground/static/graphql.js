// GraphQL text tools of the playground: a lexer, a classifier for syntax
// highlighting, a pretty-printer and a finder for the operations of a
// document. They work on the tokens of the GraphQL lexical grammar, so
// strings, block strings and comments are never split or changed.

const PUNCT = new Set(['!', '$', '&', '(', ')', ':', '=', '@', '[', ']', '{', '|', '}']);

function isNameStart(c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isNameChar(c) {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

function isDigit(c) {
  return c >= '0' && c <= '9';
}

// lex splits src into tokens. Every character of src belongs to exactly one
// token, so joining the values gives src back. A token is
// { type, value, start, end } with type one of: ws (white space and commas),
// comment, punct, name, number, string, blockstring, invalid. An unterminated
// string runs to the end of its line (or of src for a block string) and has
// unterminated: true.
export function lex(src) {
  const tokens = [];
  const n = src.length;
  let i = 0;
  const push = (type, start, end, extra) => {
    tokens.push({ type, value: src.slice(start, end), start, end, ...extra });
  };
  while (i < n) {
    const start = i;
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\ufeff') {
      while (i < n && ' \t\n\r,\ufeff'.includes(src[i])) i++;
      push('ws', start, i);
    } else if (c === '#') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
      push('comment', start, i);
    } else if (c === '"') {
      if (src.startsWith('"""', i)) {
        i += 3;
        let closed = false;
        while (i < n) {
          if (src.startsWith('\\"""', i)) {
            i += 4;
          } else if (src.startsWith('"""', i)) {
            i += 3;
            closed = true;
            break;
          } else {
            i++;
          }
        }
        push('blockstring', start, i, closed ? undefined : { unterminated: true });
      } else {
        i++;
        let closed = false;
        while (i < n) {
          const d = src[i];
          if (d === '\\' && i + 1 < n && src[i + 1] !== '\n' && src[i + 1] !== '\r') {
            i += 2;
          } else if (d === '"') {
            i++;
            closed = true;
            break;
          } else if (d === '\n' || d === '\r') {
            break;
          } else {
            i++;
          }
        }
        push('string', start, i, closed ? undefined : { unterminated: true });
      }
    } else if (c === '.' && src.startsWith('...', i)) {
      i += 3;
      push('punct', start, i);
    } else if (PUNCT.has(c)) {
      i++;
      push('punct', start, i);
    } else if (isNameStart(c)) {
      while (i < n && isNameChar(src[i])) i++;
      push('name', start, i);
    } else if (isDigit(c) || (c === '-' && isDigit(src[i + 1] || ''))) {
      i++;
      while (i < n && (isNameChar(src[i]) || src[i] === '.' ||
        ((src[i] === '+' || src[i] === '-') && (src[i - 1] === 'e' || src[i - 1] === 'E')))) {
        i++;
      }
      push('number', start, i);
    } else {
      // Keep a surrogate pair together.
      const cp = src.codePointAt(i);
      i += cp > 0xffff ? 2 : 1;
      push('invalid', start, i);
    }
  }
  return tokens;
}

const OPERATION_KEYWORDS = new Set(['query', 'mutation', 'subscription']);
const VALUE_LITERALS = new Set(['true', 'false', 'null']);

// classify lexes src and gives each token a class name for the highlighter:
// keyword, def (operation and fragment names), field, alias, argument,
// variable, type, directive, string, number, literal (true, false, null),
// enum, punct, comment, invalid. White space gets no class.
export function classify(src) {
  const tokens = lex(src);
  // The stack holds the open brackets as contexts: 'sel' (selection set),
  // 'args' (arguments), 'vars' (variable definitions), 'obj' (object
  // value), 'list' (list value), 'type' (list type).
  const stack = [];
  // In variable definitions: 'name' after '$', 'type' after ':', 'value'
  // after '='.
  let phase = 'name';
  const sig = tokens.filter((t) => t.type !== 'ws' && t.type !== 'comment');
  for (let k = 0; k < sig.length; k++) {
    const t = sig[k];
    const prev = sig[k - 1];
    const next = sig[k + 1];
    const top = stack[stack.length - 1];
    const v = t.value;
    const pv = prev ? prev.value : '';
    switch (t.type) {
      case 'string':
      case 'blockstring':
        t.cls = 'string';
        continue;
      case 'number':
        t.cls = 'number';
        continue;
      case 'invalid':
        t.cls = 'invalid';
        continue;
      case 'punct':
        t.cls = v === '$' ? 'variable' : v === '@' ? 'directive' : 'punct';
        if (v === '{') {
          stack.push(top === undefined || top === 'sel' ? 'sel' : 'obj');
        } else if (v === '(') {
          const directive = sig[k - 2] && sig[k - 2].value === '@';
          stack.push(top === undefined && !directive ? 'vars' : 'args');
          phase = 'name';
        } else if (v === '[') {
          stack.push(top === 'type' || (top === 'vars' && phase === 'type') ? 'type' : 'list');
        } else if (v === '}' || v === ')' || v === ']') {
          stack.pop();
        } else if (top === 'vars') {
          if (v === '$') phase = 'name';
          else if (v === ':') phase = 'type';
          else if (v === '=') phase = 'value';
          else if (v === '@') phase = 'directive';
        }
        continue;
    }
    // A name.
    if (pv === '$' && prev.type === 'punct') {
      t.cls = 'variable';
    } else if (pv === '@' && prev.type === 'punct') {
      t.cls = 'directive';
    } else if (top === undefined) {
      if (OPERATION_KEYWORDS.has(v) || v === 'fragment' || (v === 'on' && sig[k - 2] && sig[k - 2].value === 'fragment')) {
        t.cls = 'keyword';
      } else if (pv === 'on' && prev.type === 'name') {
        t.cls = 'type';
      } else {
        t.cls = 'def';
      }
    } else if (top === 'type' || (top === 'vars' && phase === 'type')) {
      t.cls = 'type';
    } else if (top === 'sel') {
      if (pv === '...' && prev.type === 'punct') {
        t.cls = v === 'on' ? 'keyword' : 'def';
      } else if (pv === 'on' && prev.type === 'name' && sig[k - 2] && sig[k - 2].value === '...') {
        t.cls = 'type';
      } else if (next && next.type === 'punct' && next.value === ':') {
        t.cls = 'alias';
      } else {
        t.cls = 'field';
      }
    } else if ((top === 'args' || top === 'obj') && next && next.type === 'punct' && next.value === ':') {
      t.cls = 'argument';
    } else {
      t.cls = VALUE_LITERALS.has(v) ? 'literal' : 'enum';
    }
  }
  for (const t of tokens) {
    if (t.type === 'comment') t.cls = 'comment';
  }
  return tokens;
}

// prettify formats a GraphQL document: two spaces of indentation for each
// selection set, one selection on each line, arguments, variables and values
// on one line with ", " between items. Strings, block strings and comments
// are kept as they are, and so is one blank line where the source has
// blank lines. A document that does not lex cleanly (an unterminated
// string, an unknown character) or has unbalanced brackets is returned as it
// is, with the error, so that prettify never destroys text.
export function prettify(src) {
  const tokens = lex(src);
  const bad = tokens.find((t) => t.type === 'invalid' || t.unterminated);
  if (bad) {
    return { text: src, error: `cannot prettify: ${bad.unterminated ? 'unterminated string' : `unexpected character "${bad.value}"`} at ${position(src, bad.start)}` };
  }
  const open = [];
  const pairs = { '}': '{', ')': '(', ']': '[' };
  for (const t of tokens) {
    if (t.type !== 'punct') continue;
    if ('{(['.includes(t.value)) {
      open.push(t);
    } else if (pairs[t.value]) {
      const o = open.pop();
      if (!o || o.value !== pairs[t.value]) {
        return { text: src, error: `cannot prettify: unexpected "${t.value}" at ${position(src, t.start)}` };
      }
    }
  }
  if (open.length) {
    const o = open[open.length - 1];
    return { text: src, error: `cannot prettify: "${o.value}" at ${position(src, o.start)} is not closed` };
  }

  const INDENT = '  ';
  const stack = []; // 'sel' | 'args' | 'obj' | 'list'
  let out = '';
  let indent = 0;
  let prev = null; // previous significant token
  let prev2 = null; // the one before it
  let prevEnd = 0; // source end of the previous token, comments included
  let lineStart = true; // nothing but indentation on the current line
  let pendingBreak = ''; // '', 'line' or 'blank': line break before next token

  const newline = (blank) => {
    out = out.replace(/[ \t]+$/, '');
    if (out === '') return;
    out += blank ? '\n\n' : '\n';
    lineStart = true;
  };
  let blank = false; // the source has a blank line before this token
  const write = (s) => {
    if (lineStart && blank && out !== '' && !out.endsWith('\n\n') && !/[{([]\n$/.test(out)) {
      out += '\n';
    }
    blank = false;
    if (lineStart) {
      const level = indent + (stack.length && stack[stack.length - 1] !== 'sel' ? 1 : 0);
      out += INDENT.repeat(Math.max(level, 0));
      lineStart = false;
    }
    out += s;
  };
  const inValue = () => {
    const top = stack[stack.length - 1];
    return top === 'args' || top === 'obj' || top === 'list';
  };
  // endsValue tells whether a token can end an item, so that a next item
  // gets a separator.
  const endsValue = (t) => t && (t.type === 'name' || t.type === 'number' || t.type === 'string' ||
    t.type === 'blockstring' || (t.type === 'punct' && ']})!'.includes(t.value)));

  for (const t of tokens) {
    if (t.type === 'ws') continue;
    // Keep one blank line where the source has one or more, except before
    // a closing brace.
    blank = /\n[ \t]*\r?\n/.test(src.slice(prevEnd, t.start)) && !(t.type === 'punct' && t.value === '}');
    if (t.type === 'comment') {
      const sameLine = prev !== null && !/[\n\r]/.test(src.slice(prevEnd, t.start));
      if (sameLine && !lineStart) {
        write(' ' + t.value);
      } else {
        if (!lineStart) newline(pendingBreak === 'blank');
        else if (pendingBreak === 'blank') newline(true);
        write(t.value);
      }
      newline(false);
      pendingBreak = '';
      prevEnd = t.end;
      continue;
    }
    prevEnd = t.end;
    const top = stack[stack.length - 1];
    const v = t.value;
    const p = prev;
    const p2 = prev2;
    const pv = p ? p.value : '';
    const isPunct = t.type === 'punct';

    if (pendingBreak && !(isPunct && v === '}' && top === 'sel')) {
      if (!lineStart) newline(pendingBreak === 'blank');
      pendingBreak = '';
    } else if (pendingBreak) {
      pendingBreak = '';
    }

    if (isPunct && v === '{') {
      if (inValue()) {
        if (!lineStart && endsValue(p) && pv !== ':') write(', ');
        write('{');
        stack.push('obj');
      } else {
        if (!lineStart) write(' ');
        write('{');
        stack.push('sel');
        indent++;
        newline(false);
      }
    } else if (isPunct && v === '}') {
      const ctx = stack.pop();
      if (ctx === 'sel') {
        indent--;
        if (!lineStart) newline(false);
        write('}');
        pendingBreak = stack.length === 0 ? 'blank' : 'line';
      } else {
        write('}');
      }
    } else if (isPunct && v === '(') {
      write('(');
      stack.push('args');
    } else if (isPunct && v === ')') {
      stack.pop();
      write(')');
    } else if (isPunct && v === '[') {
      if (inValue() && !lineStart && endsValue(p) && pv !== ':' && pv !== '=') write(', ');
      write('[');
      stack.push('list');
    } else if (isPunct && v === ']') {
      stack.pop();
      write(']');
    } else if (isPunct && v === ':') {
      write(': ');
    } else if (isPunct && v === '=') {
      write(' = ');
    } else if (isPunct && v === '!') {
      write('!');
    } else if (isPunct && (v === '|' || v === '&')) {
      write(` ${v} `);
    } else if (isPunct && v === '@') {
      if (!lineStart && pv !== '(' && pv !== '[') write(' ');
      write('@');
    } else if (isPunct && v === '...') {
      if (top === 'sel' && !lineStart) newline(false);
      write('...');
    } else {
      // A name, a number, a string or '$'.
      let sep = '';
      if (lineStart) {
        sep = '';
      } else if (top === 'sel') {
        if (pv === '...' && p.type === 'punct') {
          sep = v === 'on' ? ' ' : '';
        } else if (p && p.type === 'punct' && (pv === ':' || pv === '@' || pv === '$' || pv === '=')) {
          sep = '';
        } else if (p && p.type === 'name' && pv === 'on' && p2 && p2.type === 'punct' && p2.value === '...') {
          sep = ' ';
        } else {
          // A new selection.
          newline(false);
          sep = '';
        }
      } else if (inValue()) {
        if (p && p.type === 'punct' && '([{:$@='.includes(pv) && pv !== '') {
          sep = '';
        } else if (endsValue(p)) {
          sep = ', ';
        }
      } else if (stack.length === 0) {
        sep = p && p.type === 'punct' && (pv === '$' || pv === '@') ? '' : ' ';
      }
      write(sep + v);
    }
    prev2 = prev;
    prev = t;
  }
  out = out.replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
  return { text: out, error: '' };
}

// operations returns the operations of a document, in order:
// [{ type: 'query' | 'mutation' | 'subscription', name, start, end }],
// where start and end are offsets in src. A shorthand query ("{ ... }") has
// type 'query' and name ''. Fragments are not operations.
export function operations(src) {
  const ops = [];
  const tokens = lex(src).filter((t) => t.type !== 'ws' && t.type !== 'comment');
  let depth = 0;
  let current = null;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (depth === 0 && !current) {
      if (t.type === 'name' && OPERATION_KEYWORDS.has(t.value)) {
        const next = tokens[k + 1];
        current = { type: t.value, name: next && next.type === 'name' ? next.value : '', start: t.start, end: src.length, fragment: false };
      } else if (t.type === 'name' && t.value === 'fragment') {
        current = { fragment: true, start: t.start };
      } else if (t.type === 'punct' && t.value === '{') {
        current = { type: 'query', name: '', start: t.start, end: src.length, fragment: false };
      }
    }
    if (t.type === 'punct') {
      if ('{(['.includes(t.value)) depth++;
      if ('})]'.includes(t.value)) {
        depth--;
        if (depth === 0 && t.value === '}' && current) {
          current.end = t.end;
          if (!current.fragment) ops.push(current);
          current = null;
        }
      }
    }
  }
  if (current && !current.fragment) ops.push(current);
  return ops.map(({ type, name, start, end }) => ({ type, name, start, end }));
}

// operationAt chooses the operation to run: the one around the offset
// cursor, or the first one. It returns null for a document without
// operations.
export function operationAt(src, cursor) {
  const ops = operations(src);
  if (ops.length === 0) return null;
  for (const op of ops) {
    if (cursor >= op.start && cursor <= op.end) return op;
  }
  return ops[0];
}

// position gives "line L, column C" (both from 1) of an offset in src.
export function position(src, offset) {
  const before = src.slice(0, offset).split(/\r\n|\r|\n/);
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

// INTROSPECTION_QUERY is the standard introspection query, with the
// description of the schema and specifiedByURL. BASIC_INTROSPECTION_QUERY
// leaves those two out, for servers that do not know them.
const TYPE_REF = `fragment TypeRef on __Type {
  kind
  name
  ofType {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
              }
            }
          }
        }
      }
    }
  }
}`;

function introspectionQuery(full) {
  return `query IntrospectionQuery {
  __schema {
    ${full ? 'description\n    ' : ''}queryType {
      name
    }
    mutationType {
      name
    }
    subscriptionType {
      name
    }
    types {
      ...FullType
    }
    directives {
      name
      description
      locations
      args {
        ...InputValue
      }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  ${full ? 'specifiedByURL\n  ' : ''}fields(includeDeprecated: true) {
    name
    description
    args {
      ...InputValue
    }
    type {
      ...TypeRef
    }
    isDeprecated
    deprecationReason
  }
  inputFields {
    ...InputValue
  }
  interfaces {
    ...TypeRef
  }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes {
    ...TypeRef
  }
}

fragment InputValue on __InputValue {
  name
  description
  type {
    ...TypeRef
  }
  defaultValue
}

${TYPE_REF}`;
}

export const INTROSPECTION_QUERY = introspectionQuery(true);
export const BASIC_INTROSPECTION_QUERY = introspectionQuery(false);
