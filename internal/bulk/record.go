package bulk

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"careergraph/ent/schema/enum"
)

// record is one line of the format, checked and decoded.
type record struct {
	kind *kind
	// slug and ext identify the object; a session is identified by training and code.
	slug, ext, training, code string
	// values holds the fields the line gives, by column; nil stands for null. raw holds them in
	// canonical form, for comparing with what is stored.
	values map[string]any
	raw    map[string]json.RawMessage
	// refs holds the to-one references the line gives, by name; nil stands for null.
	refs map[string]*string
	// links holds the to-many references the line gives, by name; for a profession's skills the
	// items are "slug\x00IMPORTANCE".
	links map[string][]string
}

// name says which object a line is about, for messages.
func (r *record) name() string {
	switch {
	case r.kind.Session:
		return fmt.Sprintf("session %q of training %q", r.code, r.training)
	case r.slug != "":
		return fmt.Sprintf("%s %q", r.kind.Name, r.slug)
	default:
		return fmt.Sprintf("%s %q", r.kind.Name, r.ext)
	}
}

// keys are the identities a line declares, as looked up in declared.
func (r *record) keys() []string {
	if r.kind.Session {
		return []string{r.training + "\x00" + r.code}
	}
	var out []string
	for _, k := range []string{r.slug, r.ext} {
		if k != "" {
			out = append(out, k)
		}
	}
	return out
}

// parse checks one line and decodes it. Its errors are what the user is told about the line;
// with an error, the record is nil or holds only the line's type.
func parse(b []byte) (*record, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("not a JSON object: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	var typ string
	if err := json.Unmarshal(m["type"], &typ); err != nil || typ == "" {
		return nil, errors.New(`"type" is missing or not a string`)
	}
	k := kindNamed(typ)
	if k == nil {
		return nil, fmt.Errorf("unknown type %q (the types are %s)", typ, strings.Join(typeNames(), ", "))
	}
	r := &record{kind: k, values: map[string]any{}, raw: map[string]json.RawMessage{}, refs: map[string]*string{}, links: map[string][]string{}}
	for _, name := range slices.Sorted(maps.Keys(m)) {
		if name == "type" {
			continue
		}
		if err := r.set(name, m[name]); err != nil {
			return r, err
		}
	}
	str := func(col string) string {
		s, _ := r.values[col].(string)
		return s
	}
	if k.Session {
		if t := r.refs["training"]; t != nil {
			r.training = *t
		}
		r.code = str("code")
		if r.training == "" || r.code == "" {
			return r, errors.New(`a session needs "training" (the training's slug) and "code"`)
		}
		return r, nil
	}
	r.slug = str("slug")
	if k.ExtCode != "" {
		r.ext = str(k.ExtCode)
	}
	if r.slug == "" && r.ext == "" {
		alt := ""
		if k.ExtCode != "" {
			alt = " or " + camel(k.ExtCode)
		}
		return r, fmt.Errorf("a %s needs a slug%s", k.Name, alt)
	}
	return r, nil
}

// set decodes one member of a line.
func (r *record) set(name string, raw json.RawMessage) error {
	k := r.kind
	for _, f := range k.Fields() {
		if f.Name == name {
			v, err := f.decode(raw)
			if err != nil {
				return err
			}
			r.values[f.Column] = v
			r.raw[f.Column] = json.RawMessage("null")
			if v != nil {
				r.raw[f.Column] = canonical(v)
			}
			return nil
		}
	}
	for _, ref := range append(slices.Clone(k.Required), k.Refs...) {
		if ref.Name == name {
			var s *string
			if err := json.Unmarshal(raw, &s); err != nil || (s != nil && *s == "") {
				return fmt.Errorf("%s: expected the slug of a %s, or null", name, ref.Target)
			}
			r.refs[name] = s
			return nil
		}
	}
	for _, l := range k.allLinks() {
		if l.Name != name {
			continue
		}
		if l.Table == skillsLink.Table {
			return r.setSkills(raw)
		}
		var keys []string
		if err := json.Unmarshal(raw, &keys); err != nil || slices.Contains(keys, "") {
			return fmt.Errorf("%s: expected a list of %s slugs", name, l.Target)
		}
		r.links[name] = unique(keys)
		return nil
	}
	return fmt.Errorf("%q is not a field of a %s", name, k.Name)
}

// setSkills decodes a profession's skills: [{"skill": "sql", "importance": "ESSENTIAL"}, …].
func (r *record) setSkills(raw json.RawMessage) error {
	var items []struct {
		Skill      string
		Importance enum.Importance
	}
	if err := json.Unmarshal(raw, &items); err != nil {
		return errors.New(`skills: expected a list of {"skill": slug, "importance": ESSENTIAL or OPTIONAL}`)
	}
	seen := map[string]bool{}
	keys := make([]string, 0, len(items))
	for _, it := range items {
		if it.Skill == "" || !slices.Contains(it.Importance.Values(), string(it.Importance)) {
			return fmt.Errorf("skills: each item needs a skill and an importance (%s)", strings.Join(it.Importance.Values(), " or "))
		}
		if seen[it.Skill] {
			return fmt.Errorf("skills: %q is listed twice", it.Skill)
		}
		seen[it.Skill] = true
		keys = append(keys, it.Skill+"\x00"+string(it.Importance))
	}
	r.links[skillsLink.Name] = keys
	return nil
}

// targetKey is the referenced object's key in a link item.
func targetKey(item string) string {
	k, _, _ := strings.Cut(item, "\x00")
	return k
}

func unique(keys []string) []string {
	seen := make(map[string]bool, len(keys))
	out := keys[:0]
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func typeNames() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.Name
	}
	return out
}
