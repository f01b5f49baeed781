package esco

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The files of an ESCO CSV export that the import reads, and the columns it needs from each.
// Other columns are allowed and ignored, in any order: the header names them.
var (
	iscoGroupsFile     = file{"ISCOGroups_en.csv", []string{"conceptUri", "code", "preferredLabel", "description"}}
	occupationsFile    = file{"occupations_en.csv", []string{"conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description"}}
	skillGroupsFile    = file{"skillGroups_en.csv", []string{"conceptUri", "preferredLabel", "altLabels", "description", "code"}}
	skillsFile         = file{"skills_en.csv", []string{"conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description"}}
	occSkillFile       = file{"occupationSkillRelations.csv", []string{"occupationUri", "relationType", "skillUri"}}
	occBroaderFile     = file{"broaderRelationsOccPillar.csv", []string{"conceptType", "conceptUri", "broaderType", "broaderUri"}}
	skillBroaderFile   = file{"broaderRelationsSkillPillar.csv", []string{"conceptType", "conceptUri", "broaderType", "broaderUri"}}
	skillRelationsFile = file{"skillSkillRelations.csv", []string{"originalSkillUri", "relationType", "relatedSkillUri"}}
)

// collectionFiles are ESCO's collections of skills, each a file listing its skills, with the
// column of the skills table that records membership.
var collectionFiles = []struct {
	file
	column string
}{
	{file{"digitalSkillsCollection_en.csv", []string{"conceptUri"}}, "in_digital_collection"},
	{file{"greenSkillsCollection_en.csv", []string{"conceptUri"}}, "in_green_collection"},
	{file{"languageSkillsCollection_en.csv", []string{"conceptUri"}}, "in_language_collection"},
	{file{"researchSkillsCollection_en.csv", []string{"conceptUri"}}, "in_research_collection"},
	{file{"digCompSkillsCollection_en.csv", []string{"conceptUri"}}, "in_digcomp_collection"},
	{file{"transversalSkillsCollection_en.csv", []string{"conceptUri"}}, "in_transversal_collection"},
}

// allFiles lists every file an import reads.
func allFiles() []file {
	out := []file{iscoGroupsFile, occupationsFile, skillGroupsFile, skillsFile, occSkillFile, occBroaderFile, skillBroaderFile, skillRelationsFile}
	for _, c := range collectionFiles {
		out = append(out, c.file)
	}
	return out
}

// RequiredFiles lists the names of the files an import needs in its folder: Files but the
// optional ones.
func RequiredFiles() []string {
	var names []string
	for _, f := range allFiles() {
		if !f.optional() {
			names = append(names, f.name)
		}
	}
	return names
}

// Files lists the names of the files an import reads from its folder.
func Files() []string {
	var names []string
	for _, f := range allFiles() {
		names = append(names, f.name)
	}
	return names
}

// check looks at every file of dir before anything is read for good: each must exist, have a
// header with the columns needed and at least one record. It reports every problem at once,
// missing files first, all of them named.
func check(dir string) error {
	var missing []string
	var problems []error
	for _, f := range allFiles() {
		t, err := open(dir, f)
		if errors.Is(err, fs.ErrNotExist) {
			if !f.optional() {
				missing = append(missing, f.name)
			}
			continue
		}
		if err != nil {
			problems = append(problems, err)
			continue
		}
		if _, err := t.next(nil); errors.Is(err, io.EOF) {
			problems = append(problems, fmt.Errorf("%s: no records after the header (an incomplete download?)", f.name))
		} else if err != nil {
			problems = append(problems, err)
		}
		t.f.Close()
	}
	if len(missing) > 0 {
		problems = append([]error{fmt.Errorf("%d of the export's %d files are missing: %s", len(missing), len(RequiredFiles()), strings.Join(missing, ", "))}, problems...)
	}
	return errors.Join(problems...)
}

type file struct {
	name    string
	columns []string
}

// optional reports whether the file may be absent from an export, and is then read as if it had
// no records: the language collection is in ESCO's full download, not in every extract of it.
func (f file) optional() bool { return f.name == "languageSkillsCollection_en.csv" }

// table streams the records of one CSV file: strict RFC 4180 (no lazy quotes), every record as
// wide as the header, the record's slice reused from one call to the next.
type table struct {
	name string
	f    *os.File
	r    *csv.Reader
	idx  []int // position in the record of each wanted column, in the order asked
}

// open opens dir's copy of f and reads its header.
func open(dir string, f file) (*table, error) {
	fh, err := os.Open(filepath.Join(dir, f.name))
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(fh)
	r.ReuseRecord = true
	r.FieldsPerRecord = 0 // The header sets the width every record must have.
	header, err := r.Read()
	if err != nil {
		fh.Close()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty file, expected a header", f.name)
		}
		return nil, fmt.Errorf("%s: %w", f.name, err)
	}
	pos := make(map[string]int, len(header))
	for i, h := range header {
		pos[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	t := &table{name: f.name, f: fh, r: r}
	for _, c := range f.columns {
		i, ok := pos[c]
		if !ok {
			fh.Close()
			return nil, fmt.Errorf("%s: no column %q in the header (is this an ESCO v1.1 CSV export?)", f.name, c)
		}
		t.idx = append(t.idx, i)
	}
	return t, nil
}

// next returns the wanted fields of the next record, in the order the file's columns were
// listed, or io.EOF after the last record. The slice is reused by the following call.
func (t *table) next(dst []string) ([]string, error) {
	rec, err := t.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("%s: %w", t.name, err)
	}
	dst = dst[:0]
	for _, i := range t.idx {
		dst = append(dst, rec[i])
	}
	return dst, nil
}

// each calls fn with every record of dir's copy of f.
func each(dir string, f file, fn func(rec []string) error) error {
	t, err := open(dir, f)
	if f.optional() && errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer t.f.Close()
	var rec []string
	for {
		rec, err = t.next(rec)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			line, _ := t.r.FieldPos(0)
			return fmt.Errorf("%s, record at line %d: %w", t.name, line, err)
		}
	}
}

// labels splits a field of labels (one a line, or separated by " | " as in ESCO's collection
// files), cleans each, drops the empty ones, the one equal to skip and repeats (ignoring case),
// and keeps the first spelling of each.
func labels(field, skip string) []string {
	seen := map[string]bool{strings.ToLower(label(skip)): true}
	out := []string{}
	for _, l := range strings.Split(strings.ReplaceAll(field, " | ", "\n"), "\n") {
		l = label(l)
		k := strings.ToLower(l)
		if l == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, l)
	}
	return out
}

// summary is the first sentence of a description on one line (see firstSentence), cut at a
// word near 300 characters when the sentence is longer.
func summary(description string) string {
	s := firstSentence(strings.Join(strings.Fields(description), " "))
	const most = 300
	if r := []rune(s); len(r) > most {
		cut := string(r[:most])
		if i := strings.LastIndexByte(cut, ' '); i > most/2 {
			cut = cut[:i]
		}
		s = strings.TrimRight(cut, " ,;:") + "…"
	}
	return s
}
