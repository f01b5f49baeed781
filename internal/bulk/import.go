package bulk

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"careergraph/ent"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
)

// Options tune an import.
type Options struct {
	// Batch is how many lines are written per transaction; 500 when zero.
	Batch int
	// Progress, when set, is told how far each phase has come: "checking" in bytes read,
	// "writing" and "linking" in lines.
	Progress func(phase string, done, total int64)
}

// Report says what an import did, line by line in total and by type.
type Report struct {
	Counts
	ByType   map[string]*Counts
	Problems []Problem
	// Phases says how long each pass took, in order: checking, writing, linking.
	Phases []Phase
}

// Phase is one pass of an import and its duration.
type Phase struct {
	Name string
	Took time.Duration
}

// Counts are the outcomes of lines. Every line that holds an object has exactly one.
type Counts struct {
	Created, Updated, Unchanged, Rejected int
}

// Problem is a line that was rejected, and why.
type Problem struct {
	Line    int
	Message string
}

func (p Problem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Message) }

const (
	pending uint8 = iota
	created
	updated
	unchanged
	rejected
)

// line is what the importer remembers of a line between its passes.
type line struct {
	no      int
	off     int64
	n       int
	kind    *kind
	id      int
	outcome uint8
}

type importer struct {
	s     Store
	d     db
	r     io.ReaderAt
	opts  Options
	lines []line
	// declared maps "type\x00key" to the index of the line that declares it.
	declared map[string]int
	report   *Report
}

// Import reads a file of the format and brings the catalogue in line with it. An object that
// exists (by slug, external code, or for a session by training and code) is updated where the
// line differs and left alone where it does not, so importing a file twice changes nothing the
// second time. A line that is wrong is reported with its number and changes nothing; the lines
// around it are imported all the same.
//
// It reads the file in three passes: it checks every line, then writes objects type by type
// (so references may point forward in the file), then sets references and links once every
// object exists. Writes are committed in batches. The error is for failures that stop the whole
// import, such as a lost database connection; what was committed before stays.
func Import(ctx context.Context, s Store, r io.ReaderAt, size int64, opts Options) (*Report, error) {
	if opts.Batch <= 0 {
		opts.Batch = 500
	}
	if opts.Progress == nil {
		opts.Progress = func(string, int64, int64) {}
	}
	im := &importer{s: s, d: db{s.DB, s.Dialect}, r: r, opts: opts, declared: map[string]int{},
		report: &Report{ByType: map[string]*Counts{}}}
	ctx = access.AsSystem(ctx)
	began := time.Now()
	if err := im.check(size); err != nil {
		return nil, err
	}
	im.report.Phases = append(im.report.Phases, Phase{"checking", time.Since(began)})
	order := make([]int, 0, len(im.lines))
	for i, l := range im.lines {
		if l.outcome == pending {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return rank(im.lines[order[a]].kind) < rank(im.lines[order[b]].kind) })
	if err := im.pass(ctx, "writing", order, im.write); err != nil {
		return nil, err
	}
	if err := im.pass(ctx, "linking", order, im.link); err != nil {
		return nil, err
	}
	for _, l := range im.lines {
		c := im.report.ByType[l.kind.Name]
		if c == nil {
			c = &Counts{}
			im.report.ByType[l.kind.Name] = c
		}
		for _, t := range []*Counts{c, &im.report.Counts} {
			switch l.outcome {
			case created:
				t.Created++
			case updated:
				t.Updated++
			case unchanged, pending:
				t.Unchanged++
			case rejected:
				t.Rejected++
			}
		}
	}
	slices.SortFunc(im.report.Problems, func(a, b Problem) int { return a.Line - b.Line })
	return im.report, nil
}

// unknownKind stands for the type of a line that could not be read, in the report.
var unknownKind = &kind{Name: "unreadable"}

// check reads every line once: lines that are not well-formed are rejected, the others are
// remembered with the keys they declare.
func (im *importer) check(size int64) error {
	br := bufio.NewReaderSize(io.NewSectionReader(im.r, 0, size), 1<<16)
	var off int64
	for no := 1; ; no++ {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			n := len(b)
			if t := bytes.TrimSpace(b); len(t) > 0 {
				im.checkLine(no, off, n, t)
			}
			off += int64(n)
			if no%1000 == 0 {
				im.opts.Progress("checking", off, size)
			}
		}
		if errors.Is(err, io.EOF) {
			im.opts.Progress("checking", off, size)
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading line %d: %w", no, err)
		}
	}
}

func (im *importer) checkLine(no int, off int64, n int, b []byte) {
	l := line{no: no, off: off, n: n, kind: unknownKind}
	rec, err := parse(b)
	if rec != nil {
		l.kind = rec.kind
	}
	im.lines = append(im.lines, l)
	i := len(im.lines) - 1
	if err != nil {
		im.reject(i, err.Error())
		return
	}
	for _, k := range rec.keys() {
		if j, ok := im.declared[rec.kind.Name+"\x00"+k]; ok {
			im.reject(i, fmt.Sprintf("%s already appears on line %d", rec.name(), im.lines[j].no))
			return
		}
	}
	for _, k := range rec.keys() {
		im.declared[rec.kind.Name+"\x00"+k] = i
	}
}

func (im *importer) reject(i int, msg string) {
	im.lines[i].outcome = rejected
	im.report.Problems = append(im.report.Problems, Problem{Line: im.lines[i].no, Message: msg})
}

// pass runs step over the lines in order, in batches of lines of one type.
func (im *importer) pass(ctx context.Context, phase string, order []int, step func(context.Context, []int, []*record) error) error {
	total := int64(len(order))
	began := time.Now()
	defer func() { im.report.Phases = append(im.report.Phases, Phase{phase, time.Since(began)}) }()
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && end-start < im.opts.Batch && im.lines[order[end]].kind == im.lines[order[start]].kind {
			end++
		}
		var batch []int
		var recs []*record
		for _, i := range order[start:end] {
			if im.lines[i].outcome == rejected {
				continue
			}
			rec, err := im.read(i)
			if err != nil {
				return err
			}
			batch, recs = append(batch, i), append(recs, rec)
		}
		if len(batch) > 0 {
			if err := step(ctx, batch, recs); err != nil {
				return err
			}
		}
		start = end
		im.opts.Progress(phase, int64(end), total)
	}
	return nil
}

// read reads a line again; it was checked already.
func (im *importer) read(i int) (*record, error) {
	l := im.lines[i]
	b := make([]byte, l.n)
	if _, err := im.r.ReadAt(b, l.off); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("reading line %d again: %w", l.no, err)
	}
	return parse(bytes.TrimSpace(b))
}

// resolve finds the ids of every object the records reference, by type and key. A key that is
// missing from the result names nothing in the database yet.
func (im *importer) resolve(ctx context.Context, recs []*record, links bool) (map[string]map[string]int, error) {
	want := map[string][]string{}
	for _, r := range recs {
		for _, ref := range append(slices.Clone(r.kind.Required), r.kind.Refs...) {
			if s := r.refs[ref.Name]; s != nil {
				want[ref.Target] = append(want[ref.Target], *s)
			}
		}
		if links {
			for _, l := range r.kind.allLinks() {
				for _, item := range r.links[l.Name] {
					want[l.Target] = append(want[l.Target], targetKey(item))
				}
			}
		}
	}
	out := map[string]map[string]int{}
	for target, keys := range want {
		m, err := im.d.ids(ctx, kindNamed(target), unique(keys))
		if err != nil {
			return nil, err
		}
		out[target] = m
	}
	return out, nil
}

// missing explains why a referenced object cannot be found; empty when it can, or when it will
// exist once its own line is written.
func (im *importer) missing(found map[string]map[string]int, target, key string, mustExist bool) string {
	if _, ok := found[target][key]; ok {
		return ""
	}
	j, ok := im.declared[target+"\x00"+key]
	switch {
	case ok && im.lines[j].outcome == rejected:
		return fmt.Sprintf("%s %q was rejected (line %d)", target, key, im.lines[j].no)
	case ok && !mustExist:
		return ""
	default:
		return fmt.Sprintf("%s %q does not exist", target, key)
	}
}

// change is one object's write: its fields and references to set (nil clears one), and its
// links to add and remove.
type change struct {
	line   int
	id     int // 0 creates the object
	set    map[string]any
	cols   []string
	add    map[string][]int
	remove map[string][]int
	skills []skillChange
}

type skillChange struct {
	id, skill  int // id 0 adds the link; skill 0 removes link id
	importance enum.Importance
}

func (c *change) put(col string, v any) {
	if c.set == nil {
		c.set = map[string]any{}
	}
	c.set[col] = v
	c.cols = append(c.cols, col)
}

func (c *change) empty() bool {
	return len(c.cols) == 0 && len(c.add) == 0 && len(c.remove) == 0 && len(c.skills) == 0
}

// write creates the batch's objects that do not exist and updates those that differ.
func (im *importer) write(ctx context.Context, batch []int, recs []*record) error {
	k := recs[0].kind
	found, err := im.resolve(ctx, recs, true)
	if err != nil {
		return err
	}
	existing, err := im.existing(ctx, k, recs, found)
	if err != nil {
		return err
	}
	var changes []*change
	for n, r := range recs {
		i := batch[n]
		if msg := im.refsMissing(found, r); msg != "" {
			im.reject(i, msg)
			continue
		}
		c := &change{line: i}
		e, ok := existing[existingKey(r, found)]
		if !ok && r.slug != "" && r.ext != "" {
			e, ok = existing["ext\x00"+r.ext] // Known by its external code under another slug.
		}
		if ok {
			c.id = idOf(e)
			for _, f := range k.Fields() {
				if raw, given := r.raw[f.Column]; given && !bytes.Equal(raw, f.get(e)) {
					c.put(f.Column, r.values[f.Column])
				}
			}
			for _, ref := range k.Required {
				if s := r.refs[ref.Name]; s != nil && !k.Session {
					if id, _ := fkOf(e, ref.Column); id != found[ref.Target][*s] {
						c.put(ref.Column, found[ref.Target][*s])
					}
				}
			}
			for _, ref := range k.Refs {
				s, given := r.refs[ref.Name]
				have, haveOK := fkOf(e, ref.Column)
				switch want, ok := resolved(found, ref, s); {
				case !given:
				case s == nil && haveOK:
					c.put(ref.Column, nil)
				case ok && (!haveOK || have != want):
					c.put(ref.Column, want)
				}
			}
			im.lines[i].id = c.id
			if c.empty() {
				im.lines[i].outcome = unchanged
				continue
			}
		} else {
			for _, f := range k.Fields() {
				if v, given := r.values[f.Column]; given && v != nil {
					c.put(f.Column, v)
				}
			}
			for _, ref := range k.Refs {
				if want, ok := resolved(found, ref, r.refs[ref.Name]); ok {
					c.put(ref.Column, want)
				}
			}
			for _, ref := range k.Required {
				s := r.refs[ref.Name]
				if s == nil {
					im.reject(i, fmt.Sprintf("a new %s needs a %s", k.Name, ref.Name))
					c = nil
					break
				}
				c.put(ref.Column, found[ref.Target][*s])
			}
			if c == nil {
				continue
			}
		}
		changes = append(changes, c)
	}
	done := func(c *change, id int) {
		l := &im.lines[c.line]
		l.id = id
		if c.id == 0 {
			l.outcome = created
		} else {
			l.outcome = updated
		}
	}
	if ids, err := im.createFast(ctx, k, changes); err == nil {
		for n, c := range changes {
			done(c, ids[n])
		}
		return nil
	}
	return im.commit(ctx, k, changes, done)
}

// resolved is the id an optional reference names when that object exists already; references to
// objects the file has yet to create are set in the linking pass.
func resolved(found map[string]map[string]int, ref ref, key *string) (int, bool) {
	if key == nil {
		return 0, false
	}
	id, ok := found[ref.Target][*key]
	return id, ok
}

// refsMissing checks that every reference of a record names an object that exists or that the
// file creates; required references must exist already, as their types are written first.
func (im *importer) refsMissing(found map[string]map[string]int, r *record) string {
	var out []string
	for _, ref := range append(slices.Clone(r.kind.Required), r.kind.Refs...) {
		if s := r.refs[ref.Name]; s != nil {
			if msg := im.missing(found, ref.Target, *s, slices.Contains(r.kind.Required, ref)); msg != "" {
				out = append(out, ref.Name+": "+msg)
			}
		}
	}
	for _, l := range r.kind.allLinks() {
		for _, item := range r.links[l.Name] {
			if msg := im.missing(found, l.Target, targetKey(item), false); msg != "" {
				out = append(out, l.Name+": "+msg)
			}
		}
	}
	return strings.Join(out, "; ")
}

// existingKey is how a record finds its object among those existing loaded: by slug first, then
// by external code; a session by its training's id and its code.
func existingKey(r *record, found map[string]map[string]int) string {
	if r.kind.Session {
		return fmt.Sprint(found["training"][r.training], "\x00", r.code)
	}
	if r.slug != "" {
		return "slug\x00" + r.slug
	}
	return "ext\x00" + r.ext
}

// existing loads the objects the records are about, keyed as existingKey looks them up.
func (im *importer) existing(ctx context.Context, k *kind, recs []*record, found map[string]map[string]int) (map[string]reflect.Value, error) {
	out := map[string]reflect.Value{}
	var slugs, exts []any
	for _, r := range recs {
		switch {
		case k.Session:
			slugs = append(slugs, found["training"][r.training])
			exts = append(exts, r.code)
		default:
			if r.slug != "" {
				slugs = append(slugs, r.slug)
			}
			if r.ext != "" {
				exts = append(exts, r.ext)
			}
		}
	}
	rows, err := k.query(ctx, im.s.Client, func(s *sql.Selector) {
		switch {
		case k.Session:
			s.Where(sql.And(sql.In(s.C("training_id"), slugs...), sql.In(s.C("code"), exts...)))
		case len(exts) == 0:
			s.Where(sql.In(s.C("slug"), slugs...))
		case len(slugs) == 0:
			s.Where(sql.In(s.C(k.ExtCode), exts...))
		default:
			s.Where(sql.Or(sql.In(s.C("slug"), slugs...), sql.In(s.C(k.ExtCode), exts...)))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("reading existing %s objects: %w", k.Name, err)
	}
	for _, e := range entities(rows) {
		if k.Session {
			s := e.Interface().(*ent.TrainingSession)
			out[fmt.Sprint(s.TrainingID, "\x00", s.Code)] = e
			continue
		}
		out["slug\x00"+slugOf(e)] = e
		if k.ExtCode != "" {
			if id, ok := extOf(e, k.ExtCode); ok {
				out["ext\x00"+id] = e
			}
		}
	}
	return out, nil
}

func extOf(e reflect.Value, column string) (string, bool) {
	v := e.Elem().Field(fieldIndex(e.Elem().Type(), column))
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "", false
		}
		v = v.Elem()
	}
	return v.String(), true
}
