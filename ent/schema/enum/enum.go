// Package enum holds the catalogue's enumerations. They are shared Go types rather than ent's
// per-field generated ones so that one GraphQL enum (PublicationStatus, say) binds to one Go type
// however many entities use it. Each type lists its values for ent (Values) and documents them for
// the GraphQL schema (the …Docs maps, attached to fields as annotations).
package enum

import (
	"fmt"
	"io"
	"slices"

	"careergraph/internal/gqldoc"
)

// marshal writes an enum value as a GraphQL enum literal in a JSON response.
// marshal writes an enum value as a JSON string. Values are GraphQL names (letters, digits and
// underscores), which need no escaping, so nothing is allocated.
func marshal[T ~string](w io.Writer, v T) {
	_, _ = io.WriteString(w, `"`)
	_, _ = io.WriteString(w, string(v))
	_, _ = io.WriteString(w, `"`)
}

// unmarshal reads a GraphQL enum value, accepting only the listed values.
func unmarshal[T ~string](dst *T, v any, values []string) error {
	s, ok := v.(string)
	if !ok || !slices.Contains(values, s) {
		return fmt.Errorf("%v is not one of %v", v, values)
	}
	*dst = T(s)
	return nil
}

// strings converts a list of enum values to the strings ent stores.
func strings[T ~string](list ...T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// PublicationStatus is where an editorial object stands in its workflow.
type PublicationStatus string

// PublicationStatus values.
const (
	Draft     PublicationStatus = "DRAFT"
	Published PublicationStatus = "PUBLISHED"
	Archived  PublicationStatus = "ARCHIVED"
)

// Values implements ent's EnumValues.
func (PublicationStatus) Values() []string { return strings(Draft, Published, Archived) }

// MarshalGQL implements graphql.Marshaler.
func (v PublicationStatus) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *PublicationStatus) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// PublicationStatusDocs describes each PublicationStatus value in the GraphQL schema.
var PublicationStatusDocs = gqldoc.EnumValues{
	"DRAFT":     "Being written or reviewed; visible to staff only.",
	"PUBLISHED": "Live: visible to everyone.",
	"ARCHIVED":  "Withdrawn from the public catalogue but kept for reference; visible to staff only.",
}

// TrainingLevel is how much a training assumes its learners already know.
type TrainingLevel string

// TrainingLevel values.
const (
	Beginner     TrainingLevel = "BEGINNER"
	Intermediate TrainingLevel = "INTERMEDIATE"
	Advanced     TrainingLevel = "ADVANCED"
)

// Values implements ent's EnumValues.
func (TrainingLevel) Values() []string { return strings(Beginner, Intermediate, Advanced) }

// MarshalGQL implements graphql.Marshaler.
func (v TrainingLevel) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *TrainingLevel) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// TrainingLevelDocs describes each TrainingLevel value in the GraphQL schema.
var TrainingLevelDocs = gqldoc.EnumValues{
	"BEGINNER":     "No prior knowledge of the subject needed.",
	"INTERMEDIATE": "For learners who already know the basics.",
	"ADVANCED":     "For practitioners who want to deepen their expertise.",
}

// TrainingFormat is how a training is delivered.
type TrainingFormat string

// TrainingFormat values.
const (
	Online    TrainingFormat = "ONLINE"
	Classroom TrainingFormat = "CLASSROOM"
	Hybrid    TrainingFormat = "HYBRID"
	SelfPaced TrainingFormat = "SELF_PACED"
)

// Values implements ent's EnumValues.
func (TrainingFormat) Values() []string { return strings(Online, Classroom, Hybrid, SelfPaced) }

// MarshalGQL implements graphql.Marshaler.
func (v TrainingFormat) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *TrainingFormat) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// TrainingFormatDocs describes each TrainingFormat value in the GraphQL schema.
var TrainingFormatDocs = gqldoc.EnumValues{
	"ONLINE":     "Taught live over the internet at scheduled times.",
	"CLASSROOM":  "Taught in person at a venue.",
	"HYBRID":     "Partly in person, partly online.",
	"SELF_PACED": "Studied online at the learner's own pace, without scheduled sessions.",
}

// SessionStatus is the state of one scheduled run of a training.
type SessionStatus string

// SessionStatus values.
const (
	Scheduled SessionStatus = "SCHEDULED"
	Cancelled SessionStatus = "CANCELLED"
	Completed SessionStatus = "COMPLETED"
)

// Values implements ent's EnumValues.
func (SessionStatus) Values() []string { return strings(Scheduled, Cancelled, Completed) }

// MarshalGQL implements graphql.Marshaler.
func (v SessionStatus) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *SessionStatus) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// SessionStatusDocs describes each SessionStatus value in the GraphQL schema.
var SessionStatusDocs = gqldoc.EnumValues{
	"SCHEDULED": "Planned and going ahead.",
	"CANCELLED": "Will not take place.",
	"COMPLETED": "Has taken place.",
}

// SalaryPeriod is the time a salary figure is paid for.
type SalaryPeriod string

// SalaryPeriod values.
const (
	Month SalaryPeriod = "MONTH"
	Year  SalaryPeriod = "YEAR"
)

// Values implements ent's EnumValues.
func (SalaryPeriod) Values() []string { return strings(Month, Year) }

// MarshalGQL implements graphql.Marshaler.
func (v SalaryPeriod) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *SalaryPeriod) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// SalaryPeriodDocs describes each SalaryPeriod value in the GraphQL schema.
var SalaryPeriodDocs = gqldoc.EnumValues{
	"MONTH": "Gross pay per month.",
	"YEAR":  "Gross pay per year.",
}

// Importance says how much a profession needs a skill.
type Importance string

// Importance values.
const (
	Essential Importance = "ESSENTIAL"
	Optional  Importance = "OPTIONAL"
)

// Values implements ent's EnumValues.
func (Importance) Values() []string { return strings(Essential, Optional) }

// MarshalGQL implements graphql.Marshaler.
func (v Importance) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *Importance) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// ImportanceDocs describes each Importance value in the GraphQL schema.
var ImportanceDocs = gqldoc.EnumValues{
	"ESSENTIAL": "Needed by everyone working in the profession.",
	"OPTIONAL":  "Useful, and needed in some jobs of the profession, but not in all.",
}

// SkillKind separates technical skills from interpersonal ones.
type SkillKind string

// SkillKind values.
const (
	Hard SkillKind = "HARD"
	Soft SkillKind = "SOFT"
)

// Values implements ent's EnumValues.
func (SkillKind) Values() []string { return strings(Hard, Soft) }

// MarshalGQL implements graphql.Marshaler.
func (v SkillKind) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *SkillKind) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// SkillKindDocs describes each SkillKind value in the GraphQL schema.
var SkillKindDocs = gqldoc.EnumValues{
	"HARD": "A technical, teachable and testable skill, such as a programming language or a tool.",
	"SOFT": "A personal or interpersonal skill, such as communication or problem solving.",
}

// SkillType is ESCO's distinction between knowledge and skills or competences.
type SkillType string

// SkillType values.
const (
	Knowledge       SkillType = "KNOWLEDGE"
	SkillCompetence SkillType = "SKILL_COMPETENCE"
)

// Values implements ent's EnumValues.
func (SkillType) Values() []string { return strings(Knowledge, SkillCompetence) }

// MarshalGQL implements graphql.Marshaler.
func (v SkillType) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *SkillType) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// SkillTypeDocs describes each SkillType value in the GraphQL schema.
var SkillTypeDocs = gqldoc.EnumValues{
	"KNOWLEDGE":        "A body of facts, principles and theories one knows, such as \"Haskell\" or \"data protection law\".",
	"SKILL_COMPETENCE": "Something one can do or apply, such as \"debug software\" or \"lead a team\".",
}

// ReuseLevel is how widely, in ESCO's terms, a skill transfers between occupations and sectors.
type ReuseLevel string

// ReuseLevel values.
const (
	Transversal        ReuseLevel = "TRANSVERSAL"
	CrossSector        ReuseLevel = "CROSS_SECTOR"
	SectorSpecific     ReuseLevel = "SECTOR_SPECIFIC"
	OccupationSpecific ReuseLevel = "OCCUPATION_SPECIFIC"
)

// Values implements ent's EnumValues.
func (ReuseLevel) Values() []string {
	return strings(Transversal, CrossSector, SectorSpecific, OccupationSpecific)
}

// MarshalGQL implements graphql.Marshaler.
func (v ReuseLevel) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *ReuseLevel) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// ReuseLevelDocs describes each ReuseLevel value in the GraphQL schema.
var ReuseLevelDocs = gqldoc.EnumValues{
	"TRANSVERSAL":         "Useful in almost any job, such as working in teams.",
	"CROSS_SECTOR":        "Used across several economic sectors.",
	"SECTOR_SPECIFIC":     "Used within one economic sector.",
	"OCCUPATION_SPECIFIC": "Used within one or a few occupations.",
}

// SkillCategory groups skills by subject.
type SkillCategory string

// SkillCategory values.
const (
	ProgrammingLanguage SkillCategory = "PROGRAMMING_LANGUAGE"
	Framework           SkillCategory = "FRAMEWORK"
	Database            SkillCategory = "DATABASE"
	Cloud               SkillCategory = "CLOUD"
	DevOps              SkillCategory = "DEVOPS"
	Tooling             SkillCategory = "TOOLING"
	Testing             SkillCategory = "TESTING"
	Security            SkillCategory = "SECURITY"
	Data                SkillCategory = "DATA"
	Design              SkillCategory = "DESIGN"
	Practice            SkillCategory = "PRACTICE"
	Interpersonal       SkillCategory = "INTERPERSONAL"
	Domain              SkillCategory = "DOMAIN"
)

// Values implements ent's EnumValues.
func (SkillCategory) Values() []string {
	return strings(ProgrammingLanguage, Framework, Database, Cloud, DevOps, Tooling, Testing,
		Security, Data, Design, Practice, Interpersonal, Domain)
}

// MarshalGQL implements graphql.Marshaler.
func (v SkillCategory) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *SkillCategory) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// SkillCategoryDocs describes each SkillCategory value in the GraphQL schema.
var SkillCategoryDocs = gqldoc.EnumValues{
	"PROGRAMMING_LANGUAGE": "A programming or query language, such as Go, Python or SQL.",
	"FRAMEWORK":            "A framework or library, such as React or Django.",
	"DATABASE":             "A database system or data store, such as PostgreSQL or Redis.",
	"CLOUD":                "A cloud platform or service.",
	"DEVOPS":               "Building, shipping and running software: containers, orchestration, pipelines.",
	"TOOLING":              "A developer tool, such as Git or a build system.",
	"TESTING":              "A testing tool or technique.",
	"SECURITY":             "Protecting systems and data.",
	"DATA":                 "Working with data: analysis, modelling, machine learning, visualisation.",
	"DESIGN":               "Designing products, interfaces and experiences.",
	"PRACTICE":             "A way of working, such as code review or agile development.",
	"INTERPERSONAL":        "Working with people: communication, teamwork, leadership.",
	"DOMAIN":               "Knowledge of a business domain or field.",
}

// Role is a staff member's role.
type Role string

// Role values.
const (
	Admin  Role = "ADMIN"
	Editor Role = "EDITOR"
)

// Values implements ent's EnumValues.
func (Role) Values() []string { return strings(Admin, Editor) }

// MarshalGQL implements graphql.Marshaler.
func (v Role) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *Role) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// RoleDocs describes each Role value in the GraphQL schema.
var RoleDocs = gqldoc.EnumValues{
	"ADMIN":  "Manages staff accounts and API keys, and edits everything editors can.",
	"EDITOR": "Creates, edits, publishes and deletes catalogue content, and reads registrations and enquiries.",
}

// Scope is a permission carried by an API key.
type Scope string

// Scope values.
const (
	ReadCatalogue  Scope = "CATALOGUE_READ"
	WriteTrainings Scope = "TRAININGS_WRITE"
)

// Values implements ent's EnumValues.
func (Scope) Values() []string { return strings(ReadCatalogue, WriteTrainings) }

// MarshalGQL implements graphql.Marshaler.
func (v Scope) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *Scope) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// RegistrationStatus is where a learner's place on a session stands.
type RegistrationStatus string

// RegistrationStatus values.
const (
	Confirmed  RegistrationStatus = "CONFIRMED"
	Waitlisted RegistrationStatus = "WAITLISTED"
	Withdrawn  RegistrationStatus = "CANCELLED"
)

// Values implements ent's EnumValues.
func (RegistrationStatus) Values() []string { return strings(Confirmed, Waitlisted, Withdrawn) }

// MarshalGQL implements graphql.Marshaler.
func (v RegistrationStatus) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *RegistrationStatus) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// RegistrationStatusDocs describes each RegistrationStatus value in the GraphQL schema.
var RegistrationStatusDocs = gqldoc.EnumValues{
	"CONFIRMED":  "The learner has a seat.",
	"WAITLISTED": "The session was full; the learner moves up, in order of registration, when a seat frees.",
	"CANCELLED":  "The learner cancelled.",
}

// SkillCollection is one of ESCO's collections of skills.
type SkillCollection string

// SkillCollection values.
const (
	DigitalCollection     SkillCollection = "DIGITAL"
	GreenCollection       SkillCollection = "GREEN"
	LanguageCollection    SkillCollection = "LANGUAGE"
	ResearchCollection    SkillCollection = "RESEARCH"
	DigCompCollection     SkillCollection = "DIGCOMP"
	TransversalCollection SkillCollection = "TRANSVERSAL"
)

// Values lists the collections in the order the API lists a skill's.
func (SkillCollection) Values() []string {
	return strings(DigitalCollection, GreenCollection, LanguageCollection, ResearchCollection, DigCompCollection, TransversalCollection)
}

// MarshalGQL implements graphql.Marshaler.
func (v SkillCollection) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *SkillCollection) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// AuditAction is what an administrator (or the command line) did to a staff account, a signed-in
// session or an API key.
type AuditAction string

// AuditAction values.
const (
	UserCreated     AuditAction = "USER_CREATED"
	UserDisabled    AuditAction = "USER_DISABLED"
	UserEnabled     AuditAction = "USER_ENABLED"
	UserDeleted     AuditAction = "USER_DELETED"
	RoleChanged     AuditAction = "ROLE_CHANGED"
	PasswordReset   AuditAction = "PASSWORD_RESET"
	PasswordChanged AuditAction = "PASSWORD_CHANGED"
	SessionEnded    AuditAction = "SESSION_ENDED"
	KeyCreated      AuditAction = "API_KEY_CREATED"
	KeyRevoked      AuditAction = "API_KEY_REVOKED"
	KeyRotated      AuditAction = "API_KEY_ROTATED"
)

// Values implements ent's EnumValues.
func (AuditAction) Values() []string {
	return strings(UserCreated, UserDisabled, UserEnabled, UserDeleted, RoleChanged, PasswordReset,
		PasswordChanged, SessionEnded, KeyCreated, KeyRevoked, KeyRotated)
}

// MarshalGQL implements graphql.Marshaler.
func (v AuditAction) MarshalGQL(w io.Writer) { marshal(w, v) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (v *AuditAction) UnmarshalGQL(src any) error { return unmarshal(v, src, v.Values()) }

// AuditActionDocs describes each AuditAction value in the GraphQL schema.
var AuditActionDocs = gqldoc.EnumValues{
	"USER_CREATED":     "A staff account was created.",
	"USER_DISABLED":    "A staff account was disabled: it cannot sign in, and its sessions ended.",
	"USER_ENABLED":     "A disabled staff account may sign in again.",
	"USER_DELETED":     "A staff account was deleted, with its sessions.",
	"ROLE_CHANGED":     "A staff member's role changed.",
	"PASSWORD_RESET":   "An administrator set a staff member's password; the member's sessions ended.",
	"PASSWORD_CHANGED": "Staff members changed their own password; their other sessions ended.",
	"SESSION_ENDED":    "A signed-in session was ended before it expired.",
	"API_KEY_CREATED":  "An API key was created.",
	"API_KEY_REVOKED":  "An API key was revoked.",
	"API_KEY_ROTATED":  "An API key got a new secret; the old one works until the end of the overlap.",
}
