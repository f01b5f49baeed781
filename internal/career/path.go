package career

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"careergraph/ent"
	"careergraph/ent/predicate"
	"careergraph/ent/schema/enum"
	"careergraph/ent/skill"
	"careergraph/ent/training"
	"careergraph/ent/trainingsession"
)

// DefaultCurrency is the currency of PathOptions.MaxPrice when MaxPriceCurrency is empty.
const DefaultCurrency = "EUR"

// PathOptions restrict the trainings a learning path may use. The zero value restricts nothing.
type PathOptions struct {
	// MaxPrice, when set, is the most a single training may cost, in the minor unit (cents) of
	// MaxPriceCurrency. Free trainings always qualify; priced trainings in another currency do
	// not (no exchange rates are applied).
	MaxPrice *int64
	// MaxPriceCurrency is the ISO 4217 code of MaxPrice, DefaultCurrency when empty. It is also
	// the currency whose prices rank before others when breaking ties.
	MaxPriceCurrency string
	// Formats, when not empty, are the delivery formats allowed.
	Formats []enum.TrainingFormat
	// StartBefore, when set, is the moment by which a training's next session must start.
	// Self-paced trainings need no session, so they always qualify.
	StartBefore *time.Time
	// Language, when not empty, is the language of instruction required (a BCP 47 tag such as
	// "en", compared without regard to case).
	Language string
	// Now is the moment sessions must start after and registration must still be open at;
	// time.Now() when zero.
	Now time.Time
}

// Path is an ordered list of trainings that together teach a profession's missing essential
// skills, as far as the catalogue allows.
type Path struct {
	// Profession is the profession aimed at.
	Profession *ent.Profession
	// Steps are the trainings to take, in the order the greedy cover chose them: each covers at
	// least one essential skill no earlier step covers.
	Steps []Step
	// Uncovered are the missing essential skills no eligible training teaches, by name then ID.
	Uncovered []*ent.Skill
	// TotalPrice is the sum of the steps' prices, one entry per currency, by currency code;
	// free steps add nothing, so an all-free path has no entry.
	TotalPrice []Money
	// TotalHours is the sum of the steps' stated durations.
	TotalHours int
	// StepsWithoutHours counts the steps whose duration is not stated (not in TotalHours).
	StepsWithoutHours int
}

// Step is one training of a learning path.
type Step struct {
	// Training is the training to take.
	Training *ent.Training
	// Covers are the missing essential skills this training is the first step to teach, by name
	// then ID; never empty.
	Covers []*ent.Skill
	// AlsoTeaches are the missing optional skills this training is the first step to teach, by
	// name then ID.
	AlsoTeaches []*ent.Skill
	// NextSession is the earliest open session (scheduled, starting after Now and before
	// StartBefore when set, registration not closed). It is nil only for a self-paced training
	// without one, which needs no session.
	NextSession *ent.TrainingSession
}

// Money is an amount in one currency.
type Money struct {
	// Currency is the ISO 4217 code, e.g. EUR.
	Currency string
	// Cents is the amount in the currency's minor unit.
	Cents int64
}

// LearningPath plans the trainings that teach the essential skills of a profession the learner
// (have, skill IDs) is missing, within the limits of opts, by greedy set cover (see the package
// documentation for the rule and its tie-breaks). A profession the caller cannot see is
// NOT_FOUND (an *apierr.Error).
func LearningPath(ctx context.Context, c *ent.Client, professionID int, have []int, opts PathOptions) (*Path, error) {
	p, reqs, err := loadProfession(ctx, c, professionID)
	if err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	held := setOf(have)
	var missingEssential, missingOptional []int
	skills := map[int]*ent.Skill{}
	for _, r := range reqs {
		if held[r.Skill.ID] {
			continue
		}
		skills[r.Skill.ID] = r.Skill
		if r.Importance == enum.Essential {
			missingEssential = append(missingEssential, r.Skill.ID)
		} else {
			missingOptional = append(missingOptional, r.Skill.ID)
		}
	}
	path := &Path{Profession: p, Steps: []Step{}, Uncovered: []*ent.Skill{}, TotalPrice: []Money{}}
	if len(missingEssential) == 0 {
		return path, nil
	}

	candidates, err := eligibleTrainings(ctx, c, missingEssential, slices.Concat(missingEssential, missingOptional), opts)
	if err != nil {
		return nil, fmt.Errorf("loading the trainings for profession %d: %w", professionID, err)
	}
	uncovered := setOf(missingEssential)
	untaught := setOf(missingOptional)
	for len(uncovered) > 0 {
		var best *candidate
		bestGain := 0
		for _, cand := range candidates {
			gain := cand.count(uncovered)
			if gain == 0 {
				continue
			}
			if best == nil || gain > bestGain || gain == bestGain && cand.before(best, opts.MaxPriceCurrency) {
				best, bestGain = cand, gain
			}
		}
		if best == nil {
			break
		}
		step := Step{Training: best.training, Covers: []*ent.Skill{}, AlsoTeaches: []*ent.Skill{}, NextSession: best.next}
		for id := range best.teaches {
			switch {
			case uncovered[id]:
				step.Covers = append(step.Covers, skills[id])
				delete(uncovered, id)
			case untaught[id]:
				step.AlsoTeaches = append(step.AlsoTeaches, skills[id])
				delete(untaught, id)
			}
		}
		sortSkills(step.Covers)
		sortSkills(step.AlsoTeaches)
		path.Steps = append(path.Steps, step)
		path.add(best.training)
	}
	for id := range uncovered {
		path.Uncovered = append(path.Uncovered, skills[id])
	}
	sortSkills(path.Uncovered)
	slices.SortFunc(path.TotalPrice, func(a, b Money) int { return cmp.Compare(a.Currency, b.Currency) })
	return path, nil
}

func (o PathOptions) withDefaults() PathOptions {
	o.MaxPriceCurrency = strings.ToUpper(strings.TrimSpace(o.MaxPriceCurrency))
	if o.MaxPriceCurrency == "" {
		o.MaxPriceCurrency = DefaultCurrency
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	return o
}

// add counts a training in the path's totals.
func (p *Path) add(t *ent.Training) {
	if t.DurationHours != nil {
		p.TotalHours += *t.DurationHours
	} else {
		p.StepsWithoutHours++
	}
	if free(t) {
		return
	}
	cur := strings.ToUpper(*t.PriceCurrency)
	for i := range p.TotalPrice {
		if p.TotalPrice[i].Currency == cur {
			p.TotalPrice[i].Cents += *t.PriceCents
			return
		}
	}
	p.TotalPrice = append(p.TotalPrice, Money{Currency: cur, Cents: *t.PriceCents})
}

// candidate is an eligible training with the missing skills it teaches.
type candidate struct {
	training *ent.Training
	teaches  skillSet
	next     *ent.TrainingSession
}

// count is how many skills of s the training teaches.
func (c *candidate) count(s skillSet) int {
	n := 0
	for id := range c.teaches {
		if s[id] {
			n++
		}
	}
	return n
}

// before reports whether c wins a tie with d: fewer hours (unknown last), lower price, title, ID.
func (c *candidate) before(d *candidate, currency string) bool {
	a, b := c.training, d.training
	return cmp.Or(
		compareHours(a.DurationHours, b.DurationHours),
		comparePrices(a, b, currency),
		compareTrainings(a, b),
	) < 0
}

func compareHours(a, b *int) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return cmp.Compare(*a, *b)
}

// comparePrices orders free trainings first, then those priced in currency by amount, then the
// others by currency code and amount.
func comparePrices(a, b *ent.Training, currency string) int {
	rank := func(t *ent.Training) (int, string, int64) {
		switch {
		case free(t):
			return 0, "", 0
		case strings.EqualFold(*t.PriceCurrency, currency):
			return 1, "", *t.PriceCents
		}
		return 2, strings.ToUpper(*t.PriceCurrency), *t.PriceCents
	}
	ra, ca, pa := rank(a)
	rb, cb, pb := rank(b)
	return cmp.Or(cmp.Compare(ra, rb), cmp.Compare(ca, cb), cmp.Compare(pa, pb))
}

// free reports whether a training costs nothing: no price, a zero price, or (defensively) a price
// without a currency.
func free(t *ent.Training) bool {
	return t.PriceCents == nil || *t.PriceCents == 0 || t.PriceCurrency == nil
}

// sessionMargin widens the database's session time filters, which only narrow down the rows:
// SQLite compares times as text, and rows written in different time zones compare right only
// when they are more than a day apart. The exact test is made in Go.
const sessionMargin = 48 * time.Hour

// eligibleTrainings loads the trainings that teach at least one of essential and match opts,
// with the skills of teach they teach and their open sessions (three statements), and keeps
// those that are self-paced or have an open session.
func eligibleTrainings(ctx context.Context, c *ent.Client, essential, teach []int, opts PathOptions) ([]*candidate, error) {
	where := []predicate.Training{training.HasSkillsWith(skill.IDIn(essential...))}
	if len(opts.Formats) > 0 {
		where = append(where, training.FormatIn(opts.Formats...))
	}
	if lang := strings.TrimSpace(opts.Language); lang != "" {
		where = append(where, training.LanguageEqualFold(lang))
	}
	if opts.MaxPrice != nil {
		where = append(where, training.Or(
			training.PriceCentsIsNil(),
			training.PriceCentsEQ(0),
			training.And(training.PriceCurrencyEqualFold(opts.MaxPriceCurrency), training.PriceCentsLTE(*opts.MaxPrice)),
		))
	}
	sessions := []predicate.TrainingSession{
		trainingsession.StatusEQ(enum.Scheduled),
		trainingsession.StartsAtGT(opts.Now.Add(-sessionMargin)),
	}
	if opts.StartBefore != nil {
		sessions = append(sessions, trainingsession.StartsAtLT(opts.StartBefore.Add(sessionMargin)))
	}
	ts, err := c.Training.Query().Where(where...).
		WithNamedSkills(taughtEdge, func(q *ent.SkillQuery) { q.Where(skill.IDIn(teach...)) }).
		WithNamedSessions(openEdge, func(q *ent.TrainingSessionQuery) { q.Where(sessions...) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*candidate, 0, len(ts))
	for _, t := range ts {
		taught, err := t.NamedSkills(taughtEdge)
		if err != nil {
			return nil, err
		}
		ss, err := t.NamedSessions(openEdge)
		if err != nil {
			return nil, err
		}
		next := nextSession(ss, opts)
		if next == nil && t.Format != enum.SelfPaced {
			continue
		}
		cand := &candidate{training: t, teaches: skillSet{}, next: next}
		for _, s := range taught {
			cand.teaches[s.ID] = true
		}
		out = append(out, cand)
	}
	return out, nil
}

// nextSession is the earliest of ss that is open to register for under opts, or nil.
func nextSession(ss []*ent.TrainingSession, opts PathOptions) *ent.TrainingSession {
	var next *ent.TrainingSession
	for _, s := range ss {
		if !Open(s, opts.Now) || opts.StartBefore != nil && !s.StartsAt.Before(*opts.StartBefore) {
			continue
		}
		if next == nil || s.StartsAt.Before(next.StartsAt) || s.StartsAt.Equal(next.StartsAt) && s.ID < next.ID {
			next = s
		}
	}
	return next
}

// Open reports whether a learner can still register for session s at now: it is scheduled,
// starts after now, and its registration deadline, if any, is after now. A full session is open
// too: registering puts the learner on its waiting list.
func Open(s *ent.TrainingSession, now time.Time) bool {
	return s.Status == enum.Scheduled && s.StartsAt.After(now) &&
		(s.RegistrationDeadline == nil || s.RegistrationDeadline.After(now))
}
