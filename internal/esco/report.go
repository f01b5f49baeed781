package esco

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// Counts say what an import did with the rows of one kind.
type Counts struct {
	Created, Updated, Unchanged int
}

// Result is what an import did.
type Result struct {
	Groups, Professions, Skills Counts
	// SkillGroups are ESCO's skill groups; GroupParents the links of a group to its broader
	// groups, SkillGroupMembers of a skill to its groups, BroaderSkills of a skill to its
	// broader skills.
	SkillGroups, GroupParents, SkillGroupMembers, BroaderSkills Counts
	// ProfessionSkills are the occupation-skill links, with their importance.
	ProfessionSkills Counts
	// RelatedSkills are rows of the related-skills link, one per direction: a relation of the
	// files links both of its skills to each other.
	RelatedSkills Counts
	// Missing lists references to concepts that are neither in the files nor in the catalogue.
	Missing Report
	// Skipped lists what the files hold that the catalogue has no place for.
	Skipped Report
	// Gaps lists what the files leave out of concepts that are imported (a skill without a
	// skill type), and values of theirs the catalogue does not keep.
	Gaps Report
	// References is the number of references to other concepts the files hold (links,
	// broader relations, collection entries, ISCO codes), of which Missing lists those that
	// lead nowhere.
	References int
	// Took is the time of the whole import; Phases that of each step, in order.
	Took   time.Duration
	Phases []Phase
}

// Phase is a step of an import and the time it took.
type Phase struct {
	Name string
	Took time.Duration
}

// Report counts findings by kind, with a few examples of each, kinds in the order first seen.
type Report struct {
	Kinds []Finding
}

// Finding is one kind of finding: how often it occurred, about how many distinct concepts, and
// the first few of them as examples.
type Finding struct {
	Kind     string
	Count    int
	Distinct int
	Examples []string

	seen map[string]bool
}

// examples is how many examples a finding keeps.
const examples = 3

func (r *Report) add(kind, example string) { r.addN(kind, example, 1) }

// addN counts n findings of kind about one concept.
func (r *Report) addN(kind, example string, n int) {
	i := slices.IndexFunc(r.Kinds, func(f Finding) bool { return f.Kind == kind })
	if i < 0 {
		i = len(r.Kinds)
		r.Kinds = append(r.Kinds, Finding{Kind: kind, seen: map[string]bool{}})
	}
	f := &r.Kinds[i]
	f.Count += n
	if !f.seen[example] {
		f.seen[example] = true
		f.Distinct++
		if len(f.Examples) < examples {
			f.Examples = append(f.Examples, example)
		}
	}
}

// Total is the number of findings of every kind.
func (r Report) Total() int {
	n := 0
	for _, f := range r.Kinds {
		n += f.Count
	}
	return n
}

// Count is the number of findings of kind.
func (r Report) Count(kind string) int {
	for _, f := range r.Kinds {
		if f.Kind == kind {
			return f.Count
		}
	}
	return 0
}

// Print writes the result as a table of counts followed by the findings.
func (res *Result) Print(w io.Writer) {
	fmt.Fprintf(w, "%-22s %9s %9s %9s\n", "", "created", "updated", "unchanged")
	for _, row := range []struct {
		name string
		c    Counts
	}{
		{"profession groups", res.Groups}, {"professions", res.Professions},
		{"skill groups", res.SkillGroups}, {"group → broader group", res.GroupParents},
		{"skills", res.Skills}, {"skill → group", res.SkillGroupMembers}, {"skill → broader skill", res.BroaderSkills},
		{"profession skills", res.ProfessionSkills}, {"related skills", res.RelatedSkills},
	} {
		fmt.Fprintf(w, "%-22s %9d %9d %9d\n", row.name, row.c.Created, row.c.Updated, row.c.Unchanged)
	}
	fmt.Fprintf(w, "references: %d, of which lead nowhere: %d (%s)\n", res.References, res.Missing.Total(), percent(res.Missing.Total(), res.References))
	printReport(w, "missing references (not imported)", res.Missing)
	printReport(w, "skipped", res.Skipped)
	printReport(w, "imported with gaps", res.Gaps)
	fmt.Fprintf(w, "took %s (", res.Took.Round(time.Millisecond))
	for i, p := range res.Phases {
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "%s %s", p.Name, p.Took.Round(time.Millisecond))
	}
	fmt.Fprintln(w, ")")
}

func printReport(w io.Writer, title string, r Report) {
	fmt.Fprintf(w, "%s: %d\n", title, r.Total())
	for _, f := range r.Kinds {
		fmt.Fprintf(w, "  %-58s %7d (%d distinct)   e.g. %s", f.Kind, f.Count, f.Distinct, f.Examples[0])
		for _, e := range f.Examples[1:] {
			fmt.Fprintf(w, ", %s", e)
		}
		fmt.Fprintln(w)
	}
}

// percent formats n/of as a percentage with two decimals.
func percent(n, of int) string {
	if of == 0 {
		return "0 %"
	}
	return fmt.Sprintf("%.2f %%", 100*float64(n)/float64(of))
}
