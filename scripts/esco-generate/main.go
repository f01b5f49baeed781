// Command esco-generate writes made-up data in the format of ESCO's CSV export, at ESCO's size
// unless told otherwise, for testing and measuring `careergraph import esco`:
//
//	go run ./scripts/esco-generate -out DIR [-occupations N] [-skills N] [-links N] [-relations N]
package main

import (
	"flag"
	"fmt"
	"os"

	"careergraph/internal/esco/escogen"
)

func main() {
	out := flag.String("out", "", "folder to write the files into (created when missing)")
	s := escogen.Full
	flag.IntVar(&s.Occupations, "occupations", s.Occupations, "occupations")
	flag.IntVar(&s.Skills, "skills", s.Skills, "skills and knowledge concepts")
	flag.IntVar(&s.Links, "links", s.Links, "occupation-skill links")
	flag.IntVar(&s.Relations, "relations", s.Relations, "skill-skill relations")
	flag.IntVar(&s.SkillGroups, "groups", s.SkillGroups, "skill groups")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 || s.Occupations < 1 || s.Skills < 1 || s.Links < 0 || s.Relations < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "esco-generate:", err)
		os.Exit(1)
	}
	w, err := escogen.Write(*out, s)
	if err != nil {
		fmt.Fprintln(os.Stderr, "esco-generate:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s: %d ISCO groups, %d occupations, %d skills, %d occupation-skill links (+%d to skills not in the files), %d skill-skill relations, "+
		"%d skill groups, %d broader rows of skills and groups, %d collection entries\n",
		*out, w.Groups, w.Occupations, w.Skills, w.Links, w.UnknownLinks, w.Relations,
		w.SkillGroups, w.SkillGroupBroader+w.SkillBroader+w.GroupBroader, w.Collections)
}
