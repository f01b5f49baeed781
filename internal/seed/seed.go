// Package seed loads careergraph's demo catalogue: professions, skills, trainings with upcoming
// sessions, providers, blog posts and glossary terms, written for this project (catalogue.json).
//
// Seeding makes sure the demo catalogue is present: it creates the objects that are missing, by
// slug, and leaves existing ones untouched, so running it again changes nothing and never
// overwrites an editor's work. Everything happens in one transaction.
package seed

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"careergraph/ent"
	"careergraph/ent/author"
	"careergraph/ent/blogcategory"
	"careergraph/ent/blogpost"
	"careergraph/ent/glossaryterm"
	"careergraph/ent/industry"
	"careergraph/ent/profession"
	"careergraph/ent/professiongroup"
	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/ent/skill"
	"careergraph/ent/skillgroup"
	"careergraph/ent/specialization"
	"careergraph/ent/tag"
	"careergraph/ent/training"
	"careergraph/ent/trainingsession"
	"careergraph/internal/access"
)

//go:embed catalogue.json
var catalogueJSON []byte

// Result counts what a seeding run did, per type.
type Result struct {
	Created map[string]int
	Present map[string]int
}

// String summarises the result in one line.
func (r Result) String() string {
	var parts []string
	for _, t := range typeOrder {
		if r.Created[t]+r.Present[t] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d new/%d kept", t, r.Created[t], r.Present[t]))
		}
	}
	return strings.Join(parts, ", ")
}

var typeOrder = []string{"profession groups", "industries", "specializations", "skills", "professions",
	"providers", "trainings", "sessions", "authors", "blog categories", "tags", "blog posts", "glossary terms"}

// Demo loads the embedded demo catalogue into the database behind client. Session dates are set
// relative to now, so a fresh demo always has upcoming sessions.
func Demo(ctx context.Context, client *ent.Client, now time.Time) (Result, error) {
	var c catalogue
	if err := json.Unmarshal(catalogueJSON, &c); err != nil {
		return Result{}, fmt.Errorf("reading the demo catalogue: %w", err)
	}
	ctx = access.AsSystem(ctx)
	tx, err := client.Tx(ctx)
	if err != nil {
		return Result{}, err
	}
	l := &loader{tx: tx, now: now, res: Result{Created: map[string]int{}, Present: map[string]int{}}}
	if err := l.load(ctx, &c); err != nil {
		_ = tx.Rollback()
		return Result{}, err
	}
	if err := tx.Commit(); err != nil {
		return Result{}, fmt.Errorf("committing the demo catalogue: %w", err)
	}
	return l.res, nil
}

type loader struct {
	tx  *ent.Tx
	now time.Time
	res Result
}

// slugIndex maps the slugs of the existing rows of one type to their IDs.
type slugIndex map[string]int

func (l *loader) index(ctx context.Context, scan func(context.Context, any) error) (slugIndex, error) {
	var rows []struct {
		ID   int    `json:"id"`
		Slug string `json:"slug"`
	}
	if err := scan(ctx, &rows); err != nil {
		return nil, err
	}
	idx := slugIndex{}
	for _, r := range rows {
		idx[r.Slug] = r.ID
	}
	return idx, nil
}

// ids resolves slugs to IDs, failing on any the catalogue does not define.
func (idx slugIndex) ids(kind string, slugs []string) ([]int, error) {
	out := make([]int, 0, len(slugs))
	for _, s := range slugs {
		id, ok := idx[s]
		if !ok {
			return nil, fmt.Errorf("unknown %s %q", kind, s)
		}
		out = append(out, id)
	}
	return out, nil
}

// optional resolves an optional slug reference.
func (idx slugIndex) optional(kind string, slug *string) (*int, error) {
	if slug == nil {
		return nil, nil
	}
	ids, err := idx.ids(kind, []string{*slug})
	if err != nil {
		return nil, err
	}
	return &ids[0], nil
}

// each creates, one at a time, the items whose slug is not in idx yet, and counts both kinds.
func each[T any](l *loader, kind string, idx slugIndex, items []T, slug func(T) string, create func(T) (int, error)) error {
	for _, it := range items {
		s := slug(it)
		if _, ok := idx[s]; ok {
			l.res.Present[kind]++
			continue
		}
		id, err := create(it)
		if err != nil {
			return fmt.Errorf("creating %s %q: %w", kind, s, err)
		}
		idx[s] = id
		l.res.Created[kind]++
	}
	return nil
}

func (l *loader) publishedAt(status enum.PublicationStatus, daysAgo int) *time.Time {
	if status != enum.Published {
		return nil
	}
	t := l.now.AddDate(0, 0, -daysAgo).Truncate(time.Second)
	return &t
}

func (l *loader) load(ctx context.Context, c *catalogue) error {
	tx := l.tx
	idx := map[string]slugIndex{}
	var err error
	scans := map[string]func(context.Context, any) error{
		"group":          tx.ProfessionGroup.Query().Select(professiongroup.FieldID, professiongroup.FieldSlug).Scan,
		"industry":       tx.Industry.Query().Select(industry.FieldID, industry.FieldSlug).Scan,
		"specialization": tx.Specialization.Query().Select(specialization.FieldID, specialization.FieldSlug).Scan,
		"skillGroup":     tx.SkillGroup.Query().Select(skillgroup.FieldID, skillgroup.FieldSlug).Scan,
		"skill":          tx.Skill.Query().Select(skill.FieldID, skill.FieldSlug).Scan,
		"profession":     tx.Profession.Query().Select(profession.FieldID, profession.FieldSlug).Scan,
		"provider":       tx.Provider.Query().Select(provider.FieldID, provider.FieldSlug).Scan,
		"training":       tx.Training.Query().Select(training.FieldID, training.FieldSlug).Scan,
		"author":         tx.Author.Query().Select(author.FieldID, author.FieldSlug).Scan,
		"category":       tx.BlogCategory.Query().Select(blogcategory.FieldID, blogcategory.FieldSlug).Scan,
		"tag":            tx.Tag.Query().Select(tag.FieldID, tag.FieldSlug).Scan,
		"post":           tx.BlogPost.Query().Select(blogpost.FieldID, blogpost.FieldSlug).Scan,
		"term":           tx.GlossaryTerm.Query().Select(glossaryterm.FieldID, glossaryterm.FieldSlug).Scan,
	}
	for kind, scan := range scans {
		if idx[kind], err = l.index(ctx, scan); err != nil {
			return fmt.Errorf("reading existing %s slugs: %w", kind, err)
		}
	}

	err = each(l, "profession groups", idx["group"], c.ProfessionGroups, func(g groupJSON) string { return g.Slug }, func(g groupJSON) (int, error) {
		parent, err := idx["group"].optional("profession group", g.Parent)
		if err != nil {
			return 0, err
		}
		return tx.ProfessionGroup.Create().SetSlug(g.Slug).SetNillableCode(g.Code).SetName(g.Name).
			SetDescription(g.Description).SetNillableParentID(parent).OnConflictColumns(professiongroup.FieldSlug).Ignore().ID(ctx)
	})
	if err != nil {
		return err
	}
	err = each(l, "industries", idx["industry"], c.Industries, func(n namedJSON) string { return n.Slug }, func(n namedJSON) (int, error) {
		return tx.Industry.Create().SetSlug(n.Slug).SetName(n.Name).SetDescription(n.Description).OnConflictColumns(industry.FieldSlug).Ignore().ID(ctx)
	})
	if err != nil {
		return err
	}
	err = each(l, "specializations", idx["specialization"], c.Specializations, func(n namedJSON) string { return n.Slug }, func(n namedJSON) (int, error) {
		return tx.Specialization.Create().SetSlug(n.Slug).SetName(n.Name).SetDescription(n.Description).OnConflictColumns(specialization.FieldSlug).Ignore().ID(ctx)
	})
	if err != nil {
		return err
	}

	err = each(l, "skill groups", idx["skillGroup"], c.SkillGroups, func(g skillGroupJSON) string { return g.Slug }, func(g skillGroupJSON) (int, error) {
		parents, err := idx["skillGroup"].ids("skill group", g.Parents)
		if err != nil {
			return 0, err
		}
		created, err := tx.SkillGroup.Create().SetSlug(g.Slug).SetNillableCode(g.Code).SetName(g.Name).
			SetDescription(g.Description).AddParentIDs(parents...).Save(ctx)
		if err != nil {
			return 0, err
		}
		return created.ID, nil
	})
	if err != nil {
		return err
	}

	// Skills refer to each other (broader, related): create them all, then link the new ones.
	newSkills := map[string]bool{}
	err = each(l, "skills", idx["skill"], c.Skills, func(s skillJSON) string { return s.Slug }, func(s skillJSON) (int, error) {
		newSkills[s.Slug] = true
		groups, err := idx["skillGroup"].ids("skill group", s.Groups)
		if err != nil {
			return 0, err
		}
		category, err := idx["skillGroup"].optional("skill group", s.CategoryGroup)
		if err != nil {
			return 0, err
		}
		in := func(c enum.SkillCollection) bool { return slices.Contains(s.Collections, c) }
		id, err := tx.Skill.Create().SetSlug(s.Slug).SetName(s.Name).SetKind(s.Kind).SetNillableCategory(s.Category).
			SetDescription(s.Description).SetAlternativeLabels(s.AlternativeLabels).SetStatus(s.Status).
			SetNillablePublishedAt(l.publishedAt(s.Status, 30)).SetNillableCategoryGroupID(category).
			SetInDigitalCollection(in(enum.DigitalCollection)).SetInGreenCollection(in(enum.GreenCollection)).
			SetInLanguageCollection(in(enum.LanguageCollection)).
			SetInResearchCollection(in(enum.ResearchCollection)).SetInDigcompCollection(in(enum.DigCompCollection)).
			SetInTransversalCollection(in(enum.TransversalCollection)).
			OnConflictColumns(skill.FieldSlug).Ignore().ID(ctx)
		if err != nil {
			return 0, err
		}
		return id, tx.SkillGroup.Update().Where(skillgroup.IDIn(groups...)).AddSkillIDs(id).Exec(ctx)
	})
	if err != nil {
		return err
	}
	for _, s := range c.Skills {
		if !newSkills[s.Slug] {
			continue
		}
		broader, err := idx["skill"].optional("skill", s.Broader)
		if err != nil {
			return fmt.Errorf("skill %q: %w", s.Slug, err)
		}
		related, err := idx["skill"].ids("skill", s.Related)
		if err != nil {
			return fmt.Errorf("skill %q: %w", s.Slug, err)
		}
		var broaderSkills []int
		if broader != nil {
			broaderSkills = append(broaderSkills, *broader)
		}
		if err := tx.Skill.UpdateOneID(idx["skill"][s.Slug]).SetNillableBroaderID(broader).AddBroaderSkillIDs(broaderSkills...).
			AddRelatedIDs(related...).Exec(ctx); err != nil {
			return fmt.Errorf("linking skill %q: %w", s.Slug, err)
		}
	}

	newProfessions := map[string]bool{}
	err = each(l, "professions", idx["profession"], c.Professions, func(p professionJSON) string { return p.Slug }, func(p professionJSON) (int, error) {
		newProfessions[p.Slug] = true
		group, err := idx["group"].optional("profession group", p.Group)
		if err != nil {
			return 0, err
		}
		specs, err := idx["specialization"].ids("specialization", p.Specializations)
		if err != nil {
			return 0, err
		}
		inds, err := idx["industry"].ids("industry", p.Industries)
		if err != nil {
			return 0, err
		}
		create := tx.Profession.Create().SetSlug(p.Slug).SetTitle(p.Title).SetSummary(p.Summary).
			SetDescription(p.Description).SetAlternativeTitles(p.AlternativeTitles).SetNillableGroupID(group).
			SetNillableIscoCode(p.IscoCode).SetNillableEscoURI(p.EscoURI).SetNillableOnetSocCode(p.OnetSocCode).
			SetStatus(p.Status).SetNillablePublishedAt(l.publishedAt(p.Status, 60)).
			AddSpecializationIDs(specs...).AddIndustryIDs(inds...)
		if t := p.TimeToLearn; t != nil {
			create.SetTimeToLearnMinMonths(t.MinMonths).SetTimeToLearnMaxMonths(t.MaxMonths)
		}
		if s := p.Salary; s != nil {
			create.SetSalaryMin(s.Min).SetSalaryMax(s.Max).SetSalaryCurrency(s.Currency).SetSalaryPeriod(s.Period)
		}
		return create.OnConflictColumns(profession.FieldSlug).Ignore().ID(ctx)
	})
	if err != nil {
		return err
	}
	for _, p := range c.Professions {
		if !newProfessions[p.Slug] {
			continue
		}
		id := idx["profession"][p.Slug]
		related, err := idx["profession"].ids("profession", p.Related)
		if err != nil {
			return fmt.Errorf("profession %q: %w", p.Slug, err)
		}
		if err := tx.Profession.UpdateOneID(id).AddRelatedProfessionIDs(related...).Exec(ctx); err != nil {
			return fmt.Errorf("linking profession %q: %w", p.Slug, err)
		}
		links := make([]*ent.ProfessionSkillCreate, 0, len(p.Skills))
		for _, s := range p.Skills {
			sid, ok := idx["skill"][s.Skill]
			if !ok {
				return fmt.Errorf("profession %q: unknown skill %q", p.Slug, s.Skill)
			}
			links = append(links, tx.ProfessionSkill.Create().SetProfessionID(id).SetSkillID(sid).SetImportance(s.Importance))
		}
		if err := tx.ProfessionSkill.CreateBulk(links...).Exec(ctx); err != nil {
			return fmt.Errorf("linking the skills of profession %q: %w", p.Slug, err)
		}
	}

	err = each(l, "providers", idx["provider"], c.Providers, func(p providerJSON) string { return p.Slug }, func(p providerJSON) (int, error) {
		return tx.Provider.Create().SetSlug(p.Slug).SetName(p.Name).SetDescription(p.Description).
			SetNillableWebsite(p.Website).SetNillableEmail(p.Email).SetNillableCity(p.City).SetNillableCountry(p.Country).OnConflictColumns(provider.FieldSlug).Ignore().ID(ctx)
	})
	if err != nil {
		return err
	}
	err = each(l, "trainings", idx["training"], c.Trainings, func(t trainingJSON) string { return t.Slug }, func(t trainingJSON) (int, error) {
		return l.createTraining(ctx, idx, t)
	})
	if err != nil {
		return err
	}
	if err := l.sessions(ctx, idx["training"], c.Trainings); err != nil {
		return err
	}

	err = each(l, "authors", idx["author"], c.Authors, func(a authorJSON) string { return a.Slug }, func(a authorJSON) (int, error) {
		return tx.Author.Create().SetSlug(a.Slug).SetName(a.Name).SetBio(a.Bio).OnConflictColumns(author.FieldSlug).Ignore().ID(ctx)
	})
	if err != nil {
		return err
	}
	err = each(l, "blog categories", idx["category"], c.BlogCategories, func(n namedJSON) string { return n.Slug }, func(n namedJSON) (int, error) {
		return tx.BlogCategory.Create().SetSlug(n.Slug).SetName(n.Name).SetDescription(n.Description).OnConflictColumns(blogcategory.FieldSlug).Ignore().ID(ctx)
	})
	if err != nil {
		return err
	}
	err = each(l, "tags", idx["tag"], c.Tags, func(n namedJSON) string { return n.Slug }, func(n namedJSON) (int, error) {
		return tx.Tag.Create().SetSlug(n.Slug).SetName(n.Name).OnConflictColumns(tag.FieldSlug).Ignore().ID(ctx)
	})
	if err != nil {
		return err
	}
	err = each(l, "blog posts", idx["post"], c.BlogPosts, func(p postJSON) string { return p.Slug }, func(p postJSON) (int, error) {
		return l.createPost(ctx, idx, p)
	})
	if err != nil {
		return err
	}
	return each(l, "glossary terms", idx["term"], c.GlossaryTerms, func(g termJSON) string { return g.Slug }, func(g termJSON) (int, error) {
		skills, err := idx["skill"].ids("skill", g.Skills)
		if err != nil {
			return 0, err
		}
		return tx.GlossaryTerm.Create().SetSlug(g.Slug).SetTerm(g.Term).SetDefinition(g.Definition).
			SetStatus(g.Status).SetNillablePublishedAt(l.publishedAt(g.Status, 30)).AddSkillIDs(skills...).OnConflictColumns(glossaryterm.FieldSlug).Ignore().ID(ctx)
	})
}

func (l *loader) createTraining(ctx context.Context, idx map[string]slugIndex, t trainingJSON) (int, error) {
	providerID, ok := idx["provider"][t.Provider]
	if !ok {
		return 0, fmt.Errorf("unknown provider %q", t.Provider)
	}
	skills, err := idx["skill"].ids("skill", t.Skills)
	if err != nil {
		return 0, err
	}
	prereqs, err := idx["skill"].ids("skill", t.Prerequisites)
	if err != nil {
		return 0, err
	}
	profs, err := idx["profession"].ids("profession", t.Professions)
	if err != nil {
		return 0, err
	}
	create := l.tx.Training.Create().SetSlug(t.Slug).SetTitle(t.Title).SetSummary(t.Summary).
		SetDescription(t.Description).SetLevel(t.Level).SetFormat(t.Format).SetLanguage(t.Language).
		SetNillableDurationHours(t.DurationHours).SetNillableCredential(t.Credential).SetProviderID(providerID).
		SetStatus(t.Status).SetNillablePublishedAt(l.publishedAt(t.Status, 45)).
		AddSkillIDs(skills...).AddPrerequisiteIDs(prereqs...).AddProfessionIDs(profs...)
	if p := t.Price; p != nil && p.Amount > 0 {
		create.SetPriceCents(int64(math.Round(p.Amount * 100))).SetPriceCurrency(p.Currency)
	}
	return create.OnConflictColumns(training.FieldSlug).Ignore().ID(ctx)
}

// sessions creates the sessions missing from their trainings, identified by training and code.
func (l *loader) sessions(ctx context.Context, trainings slugIndex, items []trainingJSON) error {
	var existing []struct {
		TrainingID int    `json:"training_id"`
		Code       string `json:"code"`
	}
	err := l.tx.TrainingSession.Query().Select(trainingsession.FieldTrainingID, trainingsession.FieldCode).Scan(ctx, &existing)
	if err != nil {
		return err
	}
	have := map[[2]string]bool{}
	for _, e := range existing {
		have[[2]string{fmt.Sprint(e.TrainingID), e.Code}] = true
	}
	var creates []*ent.TrainingSessionCreate
	for _, t := range items {
		tid := trainings[t.Slug]
		for _, s := range t.Sessions {
			if have[[2]string{fmt.Sprint(tid), s.Key}] {
				l.res.Present["sessions"]++
				continue
			}
			c, err := l.sessionCreate(tid, s)
			if err != nil {
				return fmt.Errorf("session %q of training %q: %w", s.Key, t.Slug, err)
			}
			creates = append(creates, c)
			l.res.Created["sessions"]++
		}
	}
	return l.tx.TrainingSession.CreateBulk(creates...).Exec(ctx)
}

func (l *loader) sessionCreate(trainingID int, s sessionJSON) (*ent.TrainingSessionCreate, error) {
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return nil, err
	}
	day := l.now.In(loc).AddDate(0, 0, s.StartsInDays)
	starts, err := at(day, s.StartTime, loc)
	if err != nil {
		return nil, err
	}
	ends, err := at(day.AddDate(0, 0, max(s.DurationDays, 1)-1), s.EndTime, loc)
	if err != nil {
		return nil, err
	}
	c := l.tx.TrainingSession.Create().SetTrainingID(trainingID).SetCode(s.Key).SetStartsAt(starts).SetEndsAt(ends).
		SetTimeZone(s.TimeZone).SetOnline(s.Online).SetNillableCity(s.City).SetNillableVenue(s.Venue).
		SetCapacity(s.Capacity).SetSeatsLeft(s.SeatsLeft).SetStatus(s.Status)
	if s.RegistrationClosesDaysBefore != nil {
		c.SetRegistrationDeadline(starts.AddDate(0, 0, -*s.RegistrationClosesDaysBefore))
	}
	return c, nil
}

// at returns the given wall-clock time ("09:00") on day's date in loc.
func at(day time.Time, clock string, loc *time.Location) (time.Time, error) {
	t, err := time.Parse("15:04", clock)
	if err != nil {
		return time.Time{}, fmt.Errorf("time of day %q: %w", clock, err)
	}
	y, m, d := day.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, loc), nil
}

func (l *loader) createPost(ctx context.Context, idx map[string]slugIndex, p postJSON) (int, error) {
	author, err := idx["author"].optional("author", p.Author)
	if err != nil {
		return 0, err
	}
	category, err := idx["category"].optional("blog category", p.Category)
	if err != nil {
		return 0, err
	}
	tags, err := idx["tag"].ids("tag", p.Tags)
	if err != nil {
		return 0, err
	}
	profs, err := idx["profession"].ids("profession", p.Professions)
	if err != nil {
		return 0, err
	}
	skills, err := idx["skill"].ids("skill", p.Skills)
	if err != nil {
		return 0, err
	}
	trainings, err := idx["training"].ids("training", p.Trainings)
	if err != nil {
		return 0, err
	}
	daysAgo := 0
	if p.PublishedDaysAgo != nil {
		daysAgo = *p.PublishedDaysAgo
	}
	return l.tx.BlogPost.Create().SetSlug(p.Slug).SetTitle(p.Title).SetExcerpt(p.Excerpt).SetBody(p.Body).
		SetNillableAuthorID(author).SetNillableCategoryID(category).SetStatus(p.Status).
		SetNillablePublishedAt(l.publishedAt(p.Status, daysAgo)).
		AddTagIDs(tags...).AddProfessionIDs(profs...).AddSkillIDs(skills...).AddTrainingIDs(trainings...).OnConflictColumns(blogpost.FieldSlug).Ignore().ID(ctx)
}
