package schema

import (
	"entgo.io/ent"

	"careergraph/internal/policy"
)

// Who may change what, and read personal data, is decided in internal/policy; each type names
// its policy here.

// Policy of the ProfessionGroup.
func (ProfessionGroup) Policy() ent.Policy { return policy.Editorial() }

// Policy of the Profession.
func (Profession) Policy() ent.Policy { return policy.Editorial() }

// Policy of the ProfessionSkill.
func (ProfessionSkill) Policy() ent.Policy { return policy.Editorial() }

// Policy of the SkillGroup.
func (SkillGroup) Policy() ent.Policy { return policy.Editorial() }

// Policy of the Skill.
func (Skill) Policy() ent.Policy { return policy.Editorial() }

// Policy of the Specialization.
func (Specialization) Policy() ent.Policy { return policy.Editorial() }

// Policy of the Industry.
func (Industry) Policy() ent.Policy { return policy.Editorial() }

// Policy of the Provider.
func (Provider) Policy() ent.Policy { return policy.Editorial() }

// Policy of the Training.
func (Training) Policy() ent.Policy { return policy.Trainings() }

// Policy of the TrainingSession.
func (TrainingSession) Policy() ent.Policy { return policy.Sessions() }

// Policy of the BlogPost.
func (BlogPost) Policy() ent.Policy { return policy.Editorial() }

// Policy of the Author.
func (Author) Policy() ent.Policy { return policy.Editorial() }

// Policy of the BlogCategory.
func (BlogCategory) Policy() ent.Policy { return policy.Editorial() }

// Policy of the Tag.
func (Tag) Policy() ent.Policy { return policy.Editorial() }

// Policy of the GlossaryTerm.
func (GlossaryTerm) Policy() ent.Policy { return policy.Editorial() }

// Policy of the User.
func (User) Policy() ent.Policy { return policy.AdminsOnly() }

// Policy of the APIKey.
func (APIKey) Policy() ent.Policy { return policy.AdminsOnly() }

// Policy of the AccessToken.
func (AccessToken) Policy() ent.Policy { return policy.SystemOnly() }

// Policy of the Registration.
func (Registration) Policy() ent.Policy { return policy.PersonalData() }

// Policy of the Enquiry.
func (Enquiry) Policy() ent.Policy { return policy.PersonalData() }

// Policy of the AuditEvent.
func (AuditEvent) Policy() ent.Policy { return policy.AuditLog() }
