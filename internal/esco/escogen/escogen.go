// Package escogen writes made-up data in the format of ESCO's CSV export (v1.1: the same files,
// columns and quoting), at any size up to and beyond the real classification's, to test and
// measure the import without ESCO's own data.
//
// The content is our own invention (URIs under http://escogen.example/, labels from word lists),
// shaped like ESCO's where the import cares:
//
//   - about 620 ISCO-like groups in four levels (1- to 4-digit codes), each with its broader group;
//   - occupations in the unit groups, with multi-line altLabels that repeat the preferred label
//     and each other, descriptions with quotes, commas and line breaks, and one in ten below a
//     broader occupation (which the catalogue does not model);
//   - skills and knowledge with every skill type and reuse level; every skill has a broader skill
//     group, one in four a second one, and one in six a broader skill too; one label in 400
//     repeats an earlier one, so slugs collide;
//   - skill groups in a tree eight wide (S, S1, S1.1, …), each with its broader group;
//   - the five collection files, each listing a share of the skills;
//   - occupation-skill links, about 40 % essential, one in 1,000 to a skill that is not in the
//     files; and skill-skill relations.
//
// The same sizes always give the same files.
package escogen

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Sizes are how many rows to write.
type Sizes struct {
	Occupations int
	Skills      int
	// Links are occupation-skill links, spread evenly over the occupations.
	Links int
	// Relations are skill-skill relations.
	Relations int
	// SkillGroups are skill groups (at least 1; 640 when 0).
	SkillGroups int
}

// Full is the size of ESCO v1.1.1.
var Full = Sizes{Occupations: 3007, Skills: 13896, Links: 123855, Relations: 5818, SkillGroups: 640}

// Written says what the files hold, for checking an import of them.
type Written struct {
	Groups, Occupations, Skills int
	// Links are the occupation-skill links whose skill is in the files; UnknownLinks those whose
	// skill is not.
	Links, UnknownLinks int
	// Relations are the distinct skill-skill relations, each between two different skills.
	Relations int
	// SkillBroader counts skills below a broader skill of the files; SkillGroupBroader the
	// broader relations of skills to skill groups; GroupBroader those of groups to groups.
	SkillBroader, SkillGroupBroader, GroupBroader int
	// SkillGroups are the skill groups; Collections the entries of the collection files.
	SkillGroups, Collections int
	// OccupationBroader counts occupations below a broader occupation.
	OccupationBroader int
}

const base = "http://escogen.example/esco/"

var (
	fields   = []string{"harbour", "forest", "textile", "railway", "software", "dairy", "mining", "theatre", "insurance", "wind energy", "bakery", "museum", "aviation", "laboratory", "printing", "tourism", "water supply", "furniture", "pharmacy", "logistics", "glass", "shipbuilding", "archive", "retail", "broadcasting"}
	levels   = []string{"professionals", "technicians", "workers", "associate professionals", "operators", "managers", "assistants"}
	roles    = []string{"engineer", "technician", "planner", "inspector", "coordinator", "analyst", "operator", "designer", "supervisor", "consultant", "clerk", "specialist", "adviser", "mechanic", "developer"}
	prefixes = []string{"", "senior ", "assistant ", "chief ", "junior ", "lead ", "mobile ", "night-shift "}
	verbs    = []string{"maintain", "inspect", "plan", "design", "repair", "calibrate", "document", "monitor", "negotiate", "assemble", "test", "operate", "audit", "schedule", "teach", "clean", "measure", "estimate", "label", "store", "install", "configure", "diagnose", "supervise", "advise on", "report on", "prepare", "order", "survey", "restore"}
	adjs     = []string{"industrial", "digital", "hydraulic", "organic", "fragile", "hazardous", "historic", "seasonal", "automated", "portable", "public", "acoustic", "thermal", "textile", "financial", "medical", "urban", "marine", "electrical", "wooden", "chemical", "optical", "legal", "rural", "temporary", "structural", "sterile", "statistical", "ceremonial", "heavy"}
	nouns    = []string{"equipment", "records", "cranes", "samples", "contracts", "looms", "pipelines", "displays", "vehicles", "sensors", "archives", "stock", "fabrics", "installations", "budgets", "moulds", "kilns", "turbines", "signals", "valves", "garments", "tools", "exhibits", "timetables", "recipes", "frames", "meters", "cables", "instruments", "surfaces", "pumps", "containers", "scaffolds", "boilers", "documents", "networks", "machines", "materials", "claims", "routes"}
	topics   = []string{"principles", "regulations", "techniques", "standards", "history", "chemistry", "safety", "economics", "terminology", "methods",
		"physics", "ethics", "quality assurance", "procurement", "law", "ergonomics", "statistics", "logistics", "maintenance", "design theory",
		"risk management", "hygiene", "marketing", "accounting", "geography", "mathematics", "materials science", "documentation", "inspection", "tariffs"}
	reuse = []string{"transversal", "cross-sector", "sector-specific", "occupation-specific"}
)

// Write writes the thirteen files of an export of sizes s into dir, which must exist.
func Write(dir string, s Sizes) (Written, error) {
	g := &gen{rnd: rand.New(rand.NewPCG(42, uint64(s.Occupations)<<32|uint64(s.Skills)))}
	if s.SkillGroups <= 0 {
		s.SkillGroups = Full.SkillGroups
	}
	g.skillGroups = s.SkillGroups
	var w Written
	steps := []struct {
		name string
		fn   func(*csv.Writer, *Written) error
	}{
		{"ISCOGroups_en.csv", g.writeGroups},
		{"occupations_en.csv", func(c *csv.Writer, w *Written) error { return g.writeOccupations(c, w, s.Occupations) }},
		{"broaderRelationsOccPillar.csv", g.writeOccupationBroader},
		{"skills_en.csv", func(c *csv.Writer, w *Written) error { return g.writeSkills(c, w, s.Skills) }},
		{"broaderRelationsSkillPillar.csv", g.writeSkillBroader},
		{"occupationSkillRelations.csv", func(c *csv.Writer, w *Written) error { return g.writeLinks(c, w, s.Links) }},
		{"skillSkillRelations.csv", func(c *csv.Writer, w *Written) error { return g.writeRelations(c, w, s.Relations) }},
		{"skillGroups_en.csv", g.writeSkillGroups},
	}
	for i, name := range []string{"digitalSkillsCollection_en.csv", "greenSkillsCollection_en.csv", "languageSkillsCollection_en.csv",
		"researchSkillsCollection_en.csv", "digCompSkillsCollection_en.csv", "transversalSkillsCollection_en.csv"} {
		every := []int{10, 40, 60, 30, 200, 50}[i]
		steps = append(steps, struct {
			name string
			fn   func(*csv.Writer, *Written) error
		}{name, func(c *csv.Writer, w *Written) error { return g.writeCollection(c, w, every) }})
	}
	for _, st := range steps {
		if err := writeFile(filepath.Join(dir, st.name), func(c *csv.Writer) error { return st.fn(c, &w) }); err != nil {
			return w, fmt.Errorf("writing %s: %w", st.name, err)
		}
	}
	return w, nil
}

func writeFile(path string, fill func(*csv.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	c := csv.NewWriter(f)
	if err := fill(c); err != nil {
		f.Close()
		return err
	}
	c.Flush()
	if err := c.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

type group struct{ uri, code, parent string }

type concept struct {
	uri, label, kind string // kind: the skill type, or the occupation's ISCO code
}

// gen holds what later files refer to.
type gen struct {
	rnd         *rand.Rand
	groups      []group
	units       []string // codes of unit groups
	occupations []concept
	occBroader  map[int]int // occupation index → broader occupation index
	skills      []concept
	skillGroups int
}

func (g *gen) pick(list []string) string { return list[g.rnd.IntN(len(list))] }

func (g *gen) uuid() string {
	r := g.rnd
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", r.Uint32(), r.Uint32()&0xffff, r.Uint32()&0xfff,
		0x8000|r.Uint32()&0x3fff, r.Uint64()&0xffffffffffff)
}

// text is a description with the punctuation CSV must quote: commas, quotes, and now and then a
// second paragraph.
func (g *gen) text(subject string) string {
	s := fmt.Sprintf("%s covers the work to %s %s %s in %s settings, following \"%s\" practice.", subject,
		g.pick(verbs), g.pick(adjs), g.pick(nouns), g.pick(fields), g.pick(topics))
	if g.rnd.IntN(4) == 0 {
		s += fmt.Sprintf("\nIt includes, among others: %s %s; %s %s.", g.pick(verbs), g.pick(nouns), g.pick(verbs), g.pick(nouns))
	}
	return s
}

// alt returns newline-separated alternative labels of label, now and then with the label itself
// and a repeat among them, as ESCO's often are.
func (g *gen) alt(label string) string {
	var out []string
	for range g.rnd.IntN(6) {
		switch g.rnd.IntN(5) {
		case 0:
			out = append(out, label)
		case 1:
			out = append(out, strings.ToUpper(label[:1])+label[1:])
		case 2:
			out = append(out, label+"s")
		default:
			out = append(out, g.pick(prefixes)+label+" ("+g.pick(fields)+")")
		}
	}
	if len(out) > 1 && g.rnd.IntN(3) == 0 {
		out = append(out, out[0])
	}
	return strings.Join(out, "\n")
}

const schemes = base + "concept-scheme/occupations,\n" + base + "concept-scheme/isco"

func (g *gen) writeGroups(c *csv.Writer, w *Written) error {
	if err := c.Write([]string{"conceptType", "conceptUri", "code", "preferredLabel", "status", "altLabels", "inScheme", "description"}); err != nil {
		return err
	}
	var add func(code, parent string, depth int) error
	add = func(code, parent string, depth int) error {
		name := fmt.Sprintf("%s %s", g.pick(fields), levels[(len(code)+len(g.groups))%len(levels)])
		name = strings.ToUpper(name[:1]) + name[1:]
		uri := base + "isco/C" + code
		g.groups = append(g.groups, group{uri: uri, code: code, parent: parent})
		if err := c.Write([]string{"ISCOGroup", uri, code, name, "released", "", schemes, g.text(name)}); err != nil {
			return err
		}
		w.Groups++
		if depth == 4 {
			g.units = append(g.units, code)
			return nil
		}
		n := []int{0, 4 + g.rnd.IntN(2), 3, 3 + g.rnd.IntN(3)/2}[depth]
		for i := range n {
			if err := add(fmt.Sprintf("%s%d", code, i+1), uri, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	for major := range 10 {
		if err := add(fmt.Sprint(major), "", 1); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) writeOccupations(c *csv.Writer, w *Written, n int) error {
	if err := c.Write([]string{"conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate",
		"regulatedProfessionNote", "scopeNote", "definition", "inScheme", "description", "code"}); err != nil {
		return err
	}
	g.occBroader = map[int]int{}
	for i := range n {
		unit := g.units[g.rnd.IntN(len(g.units))]
		label := fmt.Sprintf("%s%s %s", prefixes[i/len(fields)/len(roles)%len(prefixes)], fields[i%len(fields)], roles[i/len(fields)%len(roles)])
		if i >= len(prefixes)*len(fields)*len(roles) {
			label = fmt.Sprintf("%s %d", label, i/(len(prefixes)*len(fields)*len(roles))+1)
		}
		uri := base + "occupation/" + g.uuid()
		g.occupations = append(g.occupations, concept{uri: uri, label: label, kind: unit})
		if i > 0 && g.rnd.IntN(10) == 0 {
			g.occBroader[i] = g.rnd.IntN(i)
		}
		hidden := ""
		if g.rnd.IntN(8) == 0 {
			hidden = strings.ReplaceAll(label, "e", "a")
		}
		desc := g.text(strings.ToUpper(label[:1]) + label[1:] + "s")
		if err := c.Write([]string{"Occupation", uri, unit, label, g.alt(label), hidden, "released", "2024-01-15T10:00:00Z",
			base + "regulated-professions/unregulated", "", "", schemes, desc, fmt.Sprintf("%s.%d", unit, i%7+1)}); err != nil {
			return err
		}
		w.Occupations++
	}
	return nil
}

func (g *gen) writeOccupationBroader(c *csv.Writer, w *Written) error {
	if err := c.Write([]string{"conceptType", "conceptUri", "broaderType", "broaderUri"}); err != nil {
		return err
	}
	for _, gr := range g.groups {
		if gr.parent != "" {
			if err := c.Write([]string{"ISCOGroup", gr.uri, "ISCOGroup", gr.parent}); err != nil {
				return err
			}
		}
	}
	for i, o := range g.occupations {
		row := []string{"Occupation", o.uri, "ISCOGroup", base + "isco/C" + o.kind}
		if b, ok := g.occBroader[i]; ok {
			row[2], row[3] = "Occupation", g.occupations[b].uri
			w.OccupationBroader++
		}
		if err := c.Write(row); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) writeSkills(c *csv.Writer, w *Written, n int) error {
	if err := c.Write([]string{"conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels", "status",
		"modifiedDate", "scopeNote", "definition", "inScheme", "description"}); err != nil {
		return err
	}
	combos := len(verbs) * len(adjs) * len(nouns)
	for i := range n {
		// Walking the combinations with a stride prime to their number visits each once.
		k := (i * 7919) % combos
		verb, adj, noun := verbs[k%len(verbs)], adjs[k/len(verbs)%len(adjs)], nouns[k/len(verbs)/len(adjs)]
		typ, label := "skill/competence", fmt.Sprintf("%s %s %s", verb, adj, noun)
		if i%3 == 0 {
			typ, label = "knowledge", fmt.Sprintf("%s %s %s", adj, noun, topics[k%len(topics)])
		}
		if i >= combos {
			label = fmt.Sprintf("%s %d", label, i/combos+1)
		}
		if i > 0 && i%400 == 0 {
			label = g.skills[g.rnd.IntN(i)].label // Same label, another concept: the slugs collide.
		}
		uri := base + "skill/" + g.uuid()
		g.skills = append(g.skills, concept{uri: uri, label: label, kind: typ})
		scheme := base + "concept-scheme/skills"
		if typ == "knowledge" {
			scheme += ",\n" + base + "concept-scheme/knowledge"
		}
		if err := c.Write([]string{"KnowledgeSkillCompetence", uri, typ, g.pick(reuse), label, g.alt(label), "", "released",
			"2024-02-01T08:30:00Z", "", "", scheme, g.text("This skill")}); err != nil {
			return err
		}
		w.Skills++
	}
	return nil
}

// groupURI is the URI of skill group i; group 0 is the root, and group i > 0 sits under i/8.
func groupURI(i int) string { return fmt.Sprintf("%sskill-group/%d", base, i) }

// groupCode is the code of skill group i: S for the root, S3 below it, S3.5 below that.
func groupCode(i int) string {
	switch p := i / 8; {
	case i == 0:
		return "S"
	case p == 0:
		return fmt.Sprintf("S%d", i)
	default:
		return fmt.Sprintf("%s.%d", groupCode(p), i%8+1)
	}
}

func (g *gen) writeSkillBroader(c *csv.Writer, w *Written) error {
	if err := c.Write([]string{"conceptType", "conceptUri", "broaderType", "broaderUri"}); err != nil {
		return err
	}
	for i, s := range g.skills {
		first := g.rnd.IntN(g.skillGroups)
		groups := []int{first}
		if i%4 == 0 && g.skillGroups > 1 {
			groups = append(groups, (first+1+g.rnd.IntN(g.skillGroups-1))%g.skillGroups) // Polyhierarchy.
		}
		for _, gr := range groups {
			if err := c.Write([]string{"KnowledgeSkillCompetence", s.uri, "SkillGroup", groupURI(gr)}); err != nil {
				return err
			}
			w.SkillGroupBroader++
		}
		if i > 0 && g.rnd.IntN(6) == 0 {
			if err := c.Write([]string{"KnowledgeSkillCompetence", s.uri, "KnowledgeSkillCompetence", g.skills[g.rnd.IntN(i)].uri}); err != nil {
				return err
			}
			w.SkillBroader++
		}
	}
	// The hierarchy of skill groups among themselves, as ESCO's file has it.
	for i := 1; i < g.skillGroups; i++ {
		if err := c.Write([]string{"SkillGroup", groupURI(i), "SkillGroup", groupURI(i / 8)}); err != nil {
			return err
		}
		w.GroupBroader++
	}
	return nil
}

func (g *gen) writeSkillGroups(c *csv.Writer, w *Written) error {
	if err := c.Write([]string{"conceptType", "conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate",
		"scopeNote", "inScheme", "description", "code"}); err != nil {
		return err
	}
	for i := range g.skillGroups {
		label := fmt.Sprintf("%s %s %s", g.pick(verbs), g.pick(fields), g.pick(nouns))
		if i == 0 {
			label = "skills"
		}
		if err := c.Write([]string{"SkillGroup", groupURI(i), label, g.alt(label), "", "released", "", "",
			base + "concept-scheme/skills-hierarchy", g.text("This group"), groupCode(i)}); err != nil {
			return err
		}
		w.SkillGroups++
	}
	return nil
}

// writeCollection lists one skill in every, as a collection file does.
func (g *gen) writeCollection(c *csv.Writer, w *Written, every int) error {
	if err := c.Write([]string{"conceptType", "conceptUri", "preferredLabel", "status", "skillType", "reuseLevel", "altLabels",
		"description", "broaderConceptUri", "broaderConceptPT"}); err != nil {
		return err
	}
	for i := 0; i < len(g.skills); i += every {
		s := g.skills[i]
		if err := c.Write([]string{"KnowledgeSkillCompetence", s.uri, s.label, "released", s.kind, "", "", "", "", ""}); err != nil {
			return err
		}
		w.Collections++
	}
	return nil
}

func (g *gen) writeLinks(c *csv.Writer, w *Written, n int) error {
	if err := c.Write([]string{"occupationUri", "relationType", "skillType", "skillUri"}); err != nil {
		return err
	}
	for i, o := range g.occupations {
		// An even share of the links, the remainder to the first occupations.
		share := n / len(g.occupations)
		if i < n%len(g.occupations) {
			share++
		}
		share = min(share, len(g.skills))
		chosen := map[int]bool{}
		for j := 0; len(chosen) < share; j++ {
			k := g.rnd.IntN(len(g.skills))
			if chosen[k] {
				continue
			}
			chosen[k] = true
			rel := "optional"
			if j < share*2/5 {
				rel = "essential"
			}
			s := g.skills[k]
			uri := s.uri
			if g.rnd.IntN(1000) == 0 {
				uri = base + "skill/" + g.uuid() // Not in the files.
				w.UnknownLinks++
			} else {
				w.Links++
			}
			if err := c.Write([]string{o.uri, rel, s.kind, uri}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *gen) writeRelations(c *csv.Writer, w *Written, n int) error {
	if err := c.Write([]string{"originalSkillUri", "originalSkillType", "relationType", "relatedSkillType", "relatedSkillUri"}); err != nil {
		return err
	}
	seen := map[[2]int]bool{}
	n = min(n, len(g.skills)*(len(g.skills)-1)/2)
	for len(seen) < n {
		a, b := g.rnd.IntN(len(g.skills)), g.rnd.IntN(len(g.skills))
		if a == b || seen[[2]int{a, b}] || seen[[2]int{b, a}] {
			continue
		}
		seen[[2]int{a, b}] = true
		rel := "optional"
		if g.rnd.IntN(4) == 0 {
			rel = "essential"
		}
		if err := c.Write([]string{g.skills[a].uri, g.skills[a].kind, rel, g.skills[b].kind, g.skills[b].uri}); err != nil {
			return err
		}
		w.Relations++
	}
	return nil
}
