// A small code editor on top of a plain <textarea>: line numbers, syntax
// highlighting in a <pre> under the transparent text of the textarea, Tab
// and Shift+Tab for indentation, and Enter that keeps the indentation.
// Edits go through the browser's own text insertion where it exists, so
// that undo and redo keep working.

const INDENT = '  ';

// Editor wraps the .editor element root, which holds a .gutter, a
// pre.highlight and a textarea. highlight(text) returns a DocumentFragment
// (or null for plain text).
export class Editor {
  constructor(root, { highlight = null, onChange = () => {} } = {}) {
    this.root = root;
    this.textarea = root.querySelector('textarea');
    this.pre = root.querySelector('pre.highlight');
    this.gutter = root.querySelector('.gutter');
    this.highlight = highlight;
    this.onChange = onChange;
    this.lines = 0;
    this.frame = 0;

    const ta = this.textarea;
    ta.addEventListener('input', () => {
      this.schedule();
      this.onChange(ta.value);
    });
    ta.addEventListener('scroll', () => this.syncScroll());
    ta.addEventListener('keydown', (ev) => this.keydown(ev));
    this.render();
  }

  get value() {
    return this.textarea.value;
  }

  // setValue replaces the whole text. With undoable, the change goes into
  // the undo history of the textarea, as an input that calls onChange;
  // without, the change is silent.
  setValue(text, { undoable = true } = {}) {
    const ta = this.textarea;
    if (ta.value === text) return;
    if (undoable) {
      ta.focus();
      ta.select();
      this.insert(text);
      ta.setSelectionRange(0, 0);
      ta.scrollTop = 0;
      this.syncScroll();
    } else {
      // A silent change: no input event and no onChange.
      ta.value = text;
      this.render();
    }
  }

  focus() {
    this.textarea.focus();
  }

  // insert replaces the selection with text, as typing would.
  insert(text) {
    const ta = this.textarea;
    ta.focus();
    let done = false;
    // execCommand is deprecated but it is the only way to keep the undo
    // history of a textarea. It acts on the focused element, so it is only
    // used when the textarea has the focus (a hidden one cannot get it).
    if (document.activeElement === ta) {
      try {
        done = document.execCommand('insertText', false, text);
      } catch {
        done = false;
      }
    }
    if (!done) {
      ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, 'end');
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    }
    this.render();
  }

  keydown(ev) {
    const ta = this.textarea;
    if (ev.isComposing) return;
    if (ev.key === 'Tab' && !ev.ctrlKey && !ev.altKey && !ev.metaKey) {
      ev.preventDefault();
      const { selectionStart: s, selectionEnd: e, value } = ta;
      const multiline = value.slice(s, e).includes('\n');
      if (!ev.shiftKey && !multiline) {
        this.insert(INDENT);
        return;
      }
      // Indent or outdent every line of the selection.
      const lineStart = value.lastIndexOf('\n', s - 1) + 1;
      const end = e > s && value[e - 1] === '\n' ? e - 1 : e;
      const block = value.slice(lineStart, end);
      const lines = block.split('\n');
      const changed = lines.map((l) => {
        if (!ev.shiftKey) return l === '' ? l : INDENT + l;
        if (l.startsWith(INDENT)) return l.slice(INDENT.length);
        return l.replace(/^[ \t]/, '');
      });
      const text = changed.join('\n');
      if (text === block) return;
      ta.setSelectionRange(lineStart, end);
      this.insert(text);
      const firstDelta = changed[0].length - lines[0].length;
      ta.setSelectionRange(Math.max(lineStart, s + firstDelta), lineStart + text.length);
      return;
    }
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.ctrlKey && !ev.altKey && !ev.metaKey) {
      const { selectionStart: s, value } = ta;
      const lineStart = value.lastIndexOf('\n', s - 1) + 1;
      const indent = /^[ \t]*/.exec(value.slice(lineStart, s))[0];
      const before = value.slice(lineStart, s).trimEnd();
      const opens = /[{([]$/.test(before);
      const after = value.slice(s, value.indexOf('\n', s) === -1 ? value.length : value.indexOf('\n', s)).trimStart();
      ev.preventDefault();
      if (opens && /^[})\]]/.test(after)) {
        // Between brackets: open an indented line and put the closing
        // bracket on the line after it.
        this.insert('\n' + indent + INDENT + '\n' + indent);
        const pos = ta.selectionStart - 1 - indent.length;
        ta.setSelectionRange(pos, pos);
      } else {
        this.insert('\n' + indent + (opens ? INDENT : ''));
      }
      return;
    }
    if ((ev.key === '}' || ev.key === ')' || ev.key === ']') && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      // A closing bracket typed on a line of white space outdents it.
      const { selectionStart: s, selectionEnd: e, value } = ta;
      if (s !== e) return;
      const lineStart = value.lastIndexOf('\n', s - 1) + 1;
      const lead = value.slice(lineStart, s);
      if (lead.length >= INDENT.length && /^[ \t]+$/.test(lead) && lead.endsWith(INDENT)) {
        ev.preventDefault();
        ta.setSelectionRange(s - INDENT.length, s);
        this.insert(ev.key);
      }
    }
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render() {
    const text = this.textarea.value;
    // The pre needs a last line with content, or a final new line would not
    // count and the two layers would scroll apart.
    const frag = this.highlight ? this.highlight(text) : null;
    this.pre.replaceChildren();
    if (frag) this.pre.append(frag);
    else this.pre.append(document.createTextNode(text));
    this.pre.append(document.createTextNode('\n '));

    const lines = text.split('\n').length;
    if (lines !== this.lines) {
      this.lines = lines;
      const nums = [];
      for (let i = 1; i <= lines; i++) nums.push(i);
      this.gutter.textContent = nums.join('\n') + '\n ';
      this.root.style.setProperty('--gutter-digits', String(Math.max(2, String(lines).length)));
    }
    this.syncScroll();
  }

  syncScroll() {
    const ta = this.textarea;
    this.pre.scrollTop = ta.scrollTop;
    this.pre.scrollLeft = ta.scrollLeft;
    this.gutter.scrollTop = ta.scrollTop;
  }

  // reveal moves the caret to the line and column (both from 1) and
  // scrolls it into view.
  reveal(line, column) {
    const ta = this.textarea;
    const lines = ta.value.split('\n');
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length - 1); i++) offset += lines[i].length + 1;
    offset += Math.max(0, Math.min(column - 1, (lines[line - 1] || '').length));
    ta.focus();
    ta.setSelectionRange(offset, offset);
    const lineHeight = parseFloat(getComputedStyle(ta).lineHeight) || 20;
    const top = (line - 1) * lineHeight;
    if (top < ta.scrollTop || top > ta.scrollTop + ta.clientHeight - 2 * lineHeight) {
      ta.scrollTop = Math.max(0, top - ta.clientHeight / 3);
    }
  }
}

// tokensToFragment turns classified tokens into spans. Tokens without a
// class become text nodes.
export function tokensToFragment(tokens) {
  const frag = document.createDocumentFragment();
  for (const t of tokens) {
    if (t.cls) {
      const span = document.createElement('span');
      span.className = 't-' + t.cls;
      span.textContent = t.value;
      frag.append(span);
    } else {
      frag.append(document.createTextNode(t.value));
    }
  }
  return frag;
}

// JSON_TOKEN matches the tokens of JSON text (also of JSON with errors):
// strings (a key when a colon follows), numbers, literals and punctuation.
const JSON_TOKEN = /("(?:[^"\\\n]|\\.)*"?)(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],:])/g;

// highlightJSON returns spans for JSON text.
export function highlightJSON(text) {
  const frag = document.createDocumentFragment();
  let last = 0;
  const add = (cls, s) => {
    if (!s) return;
    const span = document.createElement('span');
    span.className = 't-' + cls;
    span.textContent = s;
    frag.append(span);
  };
  JSON_TOKEN.lastIndex = 0;
  for (let m = JSON_TOKEN.exec(text); m; m = JSON_TOKEN.exec(text)) {
    if (m.index > last) frag.append(document.createTextNode(text.slice(last, m.index)));
    if (m[1] !== undefined) {
      add(m[2] ? 'key' : 'string', m[1]);
      if (m[2]) frag.append(document.createTextNode(m[2]));
    } else if (m[3] !== undefined) {
      add('number', m[3]);
    } else if (m[4] !== undefined) {
      add('literal', m[4]);
    } else {
      add('punct', m[5]);
    }
    last = JSON_TOKEN.lastIndex;
  }
  if (last < text.length) frag.append(document.createTextNode(text.slice(last)));
  return frag;
}
