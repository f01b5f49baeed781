// Package editorial holds catalogue edits that span several entities.
package editorial

import (
	"context"

	"careergraph/ent"
	"careergraph/ent/professionskill"
	"careergraph/ent/schema/enum"
	"careergraph/internal/apierr"
)

// SkillLink is one skill a profession needs.
type SkillLink struct {
	SkillID    int
	Importance enum.Importance
}

// ReplaceSkills makes links the complete list of the skills profession needs. c must be the
// client of the request's transaction, so that the profession keeps its old list if anything
// fails.
func ReplaceSkills(ctx context.Context, c *ent.Client, professionID int, links []SkillLink) error {
	seen := map[int]bool{}
	creates := make([]*ent.ProfessionSkillCreate, 0, len(links))
	for _, l := range links {
		if seen[l.SkillID] {
			return apierr.Invalid("skills", "a skill is listed twice")
		}
		seen[l.SkillID] = true
		creates = append(creates, c.ProfessionSkill.Create().
			SetProfessionID(professionID).SetSkillID(l.SkillID).SetImportance(l.Importance))
	}
	if _, err := c.ProfessionSkill.Delete().Where(professionskill.ProfessionID(professionID)).Exec(ctx); err != nil {
		return err
	}
	return c.ProfessionSkill.CreateBulk(creates...).Exec(ctx)
}
