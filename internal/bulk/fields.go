package bulk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
)

// field is a plain column of a catalogue type, read from and written to ent's entity structs.
type field struct {
	// Name is the field's name in a line (camelCase, as in the GraphQL API).
	Name string
	// Column is the database column, which is also ent's field name.
	Column string
	index  int
	// typ is the value's type without the pointer ent uses for nullable columns.
	typ      reflect.Type
	nullable bool
}

// managed are columns the server keeps itself; they are not part of the format.
var managed = []string{"id", "created_at", "updated_at", "created_by", "updated_by", "version", "edges"}

// fieldsOf lists k's plain fields in the order ent declares them; references are listed apart.
func fieldsOf(k *kind) []field {
	var refCols []string
	for _, r := range append(slices.Clone(k.Required), k.Refs...) {
		refCols = append(refCols, r.Column)
	}
	var out []field
	for i := range k.entity.NumField() {
		sf := k.entity.Field(i)
		col, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if !sf.IsExported() || col == "" || col == "-" || slices.Contains(managed, col) || slices.Contains(refCols, col) {
			continue
		}
		f := field{Name: camel(col), Column: col, index: i, typ: sf.Type}
		if sf.Type.Kind() == reflect.Pointer {
			f.typ, f.nullable = sf.Type.Elem(), true
		}
		if f.typ.Kind() == reflect.Slice {
			f.nullable = true
		}
		out = append(out, f)
	}
	return out
}

// camel turns a column name into the format's field name: time_to_learn → timeToLearn.
func camel(col string) string {
	parts := strings.Split(col, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// get returns f's value of an entity (a pointer to an ent struct) in its canonical JSON form.
func (f field) get(entity reflect.Value) json.RawMessage {
	v := entity.Elem().Field(f.index)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return json.RawMessage("null")
		}
		v = v.Elem()
	}
	return canonical(v.Interface())
}

// canonical encodes a field value the one way the format writes it: times in UTC to the
// microsecond (what PostgreSQL keeps), lists never null.
func canonical(v any) json.RawMessage {
	switch x := v.(type) {
	case time.Time:
		v = x.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
	case []string:
		if x == nil {
			v = []string{}
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("bulk: encoding %T: %v", v, err)) // Only scalar, time and string-list fields exist.
	}
	return b
}

// valuer is implemented by ent's enum types.
type valuer interface{ Values() []string }

// decode turns a line's value for f into the Go value ent's mutation takes, or nil for null.
func (f field) decode(raw json.RawMessage) (any, error) {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		if !f.nullable {
			return nil, fmt.Errorf("%s may not be null", f.Name)
		}
		return nil, nil
	}
	p := reflect.New(f.typ)
	if err := json.Unmarshal(raw, p.Interface()); err != nil {
		return nil, fmt.Errorf("%s: expected %s", f.Name, describe(f.typ))
	}
	v := p.Elem().Interface()
	if e, ok := v.(valuer); ok {
		s := p.Elem().String()
		if !slices.Contains(e.Values(), s) {
			return nil, fmt.Errorf("%s: %q is not one of %s", f.Name, s, strings.Join(e.Values(), ", "))
		}
	}
	if t, ok := v.(time.Time); ok {
		v = t.UTC().Truncate(time.Microsecond)
	}
	return v, nil
}

// describe names a Go type the way a user of the format knows it.
func describe(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[time.Time]():
		return "a time such as \"2027-03-01T09:00:00Z\""
	case t.Kind() == reflect.String:
		return "a string"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Slice:
		return "a list of strings"
	default:
		return "a whole number"
	}
}
