// Package facets counts what a filtered listing holds, by the values a user narrows it down by:
// trainings by level, format, language, city (or online), provider and price band; professions
// by group and industry. It also summarises the salary ranges of professions.
//
// Every count runs as one grouped query over the same filter as the listing, through ent with
// the caller's context, so a facet never counts what the caller cannot see.
package facets

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"careergraph/ent"
	"careergraph/ent/predicate"
	"careergraph/ent/profession"
	"careergraph/ent/professiongroup"
	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/ent/training"
	"careergraph/ent/trainingsession"
	"careergraph/internal/gid"
)

// Count is how many items of a listing have one value.
type Count struct {
	// Value is the value counted: an enum value, a language tag, a city, a price band, or the
	// (public) ID of a provider, group or industry, ready to filter by.
	Value string
	// Label names the value for people (a provider's name, "EUR 500–1,500", …).
	Label string
	Count int
}

// Trainings are the facets of a training listing.
type Trainings struct {
	Levels, Formats, Languages, Providers []Count
	// Places counts trainings by the cities of their upcoming sessions; "online" counts those
	// with an upcoming online session.
	Places []Count
	// PriceBands counts trainings by price, per currency; "free" counts those that cost nothing.
	PriceBands []Count
}

// OnlineValue is the Places value of online sessions.
const OnlineValue = "online"

// priceBands are the bands, in whole currency units, that prices are counted in.
var priceBands = []struct{ lo, hi int64 }{{0, 500}, {500, 1500}, {1500, 5000}, {5000, -1}}

// ForTrainings counts the trainings that match where.
func ForTrainings(ctx context.Context, c *ent.Client, where predicate.Training, now time.Time) (*Trainings, error) {
	q := func() *ent.TrainingQuery { return c.Training.Query().Where(where) }
	var f Trainings
	var err error
	if f.Levels, err = byColumn(ctx, q(), training.FieldLevel); err != nil {
		return nil, err
	}
	if f.Formats, err = byColumn(ctx, q(), training.FieldFormat); err != nil {
		return nil, err
	}
	if f.Languages, err = byColumn(ctx, q(), training.FieldLanguage); err != nil {
		return nil, err
	}
	relabel(f.Levels, enumLabel)
	relabel(f.Formats, enumLabel)
	relabel(f.Languages, languageName)
	if f.Providers, err = byColumn(ctx, q(), training.FieldProviderID); err != nil {
		return nil, err
	}
	if err := label(ctx, f.Providers, func(ids []int) (map[int]string, error) {
		ps, err := c.Provider.Query().Where(provider.IDIn(ids...)).All(ctx)
		names := map[int]string{}
		for _, p := range ps {
			names[p.ID] = p.Name
		}
		return names, err
	}); err != nil {
		return nil, err
	}
	if f.Places, err = places(ctx, c, where, now); err != nil {
		return nil, err
	}
	if f.PriceBands, err = prices(ctx, q()); err != nil {
		return nil, err
	}
	return &f, nil
}

// byColumn counts the query's rows per value of one column, most frequent first.
func byColumn(ctx context.Context, q *ent.TrainingQuery, column string) ([]Count, error) {
	var rows []struct {
		Value any `json:"value"`
		N     int `json:"n"`
	}
	err := q.Modify(func(s *sql.Selector) {
		s.Select(sql.As(s.C(column), "value"), sql.As(sql.Count("*"), "n")).GroupBy(s.C(column))
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("counting trainings by %s: %w", column, err)
	}
	out := make([]Count, 0, len(rows))
	for _, r := range rows {
		v := fmt.Sprint(r.Value)
		out = append(out, Count{Value: v, Label: v, Count: r.N})
	}
	return sorted(out), nil
}

// places counts trainings by where their upcoming, scheduled sessions take place.
func places(ctx context.Context, c *ent.Client, where predicate.Training, now time.Time) ([]Count, error) {
	var rows []struct {
		City   *string `json:"city"`
		Online bool    `json:"online"`
		N      int     `json:"n"`
	}
	err := c.TrainingSession.Query().
		Where(trainingsession.HasTrainingWith(where), trainingsession.StatusEQ(enum.Scheduled), trainingsession.StartsAtGT(now)).
		Modify(func(s *sql.Selector) {
			s.Select(sql.As(s.C(trainingsession.FieldCity), "city"), sql.As(s.C(trainingsession.FieldOnline), "online"),
				sql.As(sql.Count(sql.Distinct(s.C(trainingsession.FieldTrainingID))), "n")).
				GroupBy(s.C(trainingsession.FieldCity), s.C(trainingsession.FieldOnline))
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("counting trainings by place: %w", err)
	}
	var out []Count
	for _, r := range rows {
		switch {
		case r.Online:
			out = append(out, Count{Value: OnlineValue, Label: "Online", Count: r.N})
		case r.City != nil:
			out = append(out, Count{Value: *r.City, Label: *r.City, Count: r.N})
		}
	}
	return sorted(merge(out)), nil
}

// prices counts trainings by price band, per currency.
func prices(ctx context.Context, q *ent.TrainingQuery) ([]Count, error) {
	var rows []struct {
		Cents    *int64  `json:"cents"`
		Currency *string `json:"currency"`
	}
	err := q.Select(training.FieldPriceCents, training.FieldPriceCurrency).Modify(func(s *sql.Selector) {
		s.Select(sql.As(s.C(training.FieldPriceCents), "cents"), sql.As(s.C(training.FieldPriceCurrency), "currency"))
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("reading training prices: %w", err)
	}
	counts := map[string]*Count{}
	var order []string
	add := func(value, label string) {
		if counts[value] == nil {
			counts[value] = &Count{Value: value, Label: label}
			order = append(order, value)
		}
		counts[value].Count++
	}
	for _, r := range rows {
		if r.Cents == nil || *r.Cents == 0 || r.Currency == nil {
			add("free", "Free")
			continue
		}
		units := *r.Cents / 100
		for _, b := range priceBands {
			if units >= b.lo && (b.hi < 0 || units < b.hi) {
				value := fmt.Sprintf("%s:%d-", *r.Currency, b.lo)
				label := fmt.Sprintf("%s %s or more", *r.Currency, thousands(b.lo))
				if b.hi >= 0 {
					value += fmt.Sprint(b.hi)
					label = fmt.Sprintf("%s %s–%s", *r.Currency, thousands(b.lo), thousands(b.hi))
				}
				add(value, label)
				break
			}
		}
	}
	out := make([]Count, 0, len(order))
	for _, v := range order {
		out = append(out, *counts[v])
	}
	// Free first, then by currency and band.
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Value == "free") != (out[j].Value == "free") {
			return out[i].Value == "free"
		}
		return bandKey(out[i].Value) < bandKey(out[j].Value)
	})
	return out, nil
}

// Professions are the facets of a profession listing.
type Professions struct {
	Groups, Industries []Count
}

// ForProfessions counts the professions that match where by group and by industry.
func ForProfessions(ctx context.Context, c *ent.Client, where predicate.Profession) (*Professions, error) {
	var f Professions
	var groups []struct {
		Value *int `json:"value"`
		N     int  `json:"n"`
	}
	err := c.Profession.Query().Where(where, profession.GroupIDNotNil()).Modify(func(s *sql.Selector) {
		s.Select(sql.As(s.C(profession.FieldGroupID), "value"), sql.As(sql.Count("*"), "n")).GroupBy(s.C(profession.FieldGroupID))
	}).Scan(ctx, &groups)
	if err != nil {
		return nil, fmt.Errorf("counting professions by group: %w", err)
	}
	for _, g := range groups {
		f.Groups = append(f.Groups, Count{Value: fmt.Sprint(*g.Value), Count: g.N})
	}
	if err := label(ctx, f.Groups, func(ids []int) (map[int]string, error) {
		gs, err := c.ProfessionGroup.Query().Where(professiongroup.IDIn(ids...)).All(ctx)
		names := map[int]string{}
		for _, g := range gs {
			names[g.ID] = g.Name
		}
		return names, err
	}); err != nil {
		return nil, err
	}
	// Industries are counted through the join table, over the same filtered professions.
	var inds []struct {
		Value int    `json:"value"`
		Name  string `json:"name"`
		N     int    `json:"n"`
	}
	err = c.Profession.Query().Where(where).Modify(func(s *sql.Selector) {
		link := sql.Table(profession.IndustriesTable)
		ind := sql.Table("industries")
		s.Join(link).On(s.C(profession.FieldID), link.C(profession.IndustriesPrimaryKey[0])).
			Join(ind).On(link.C(profession.IndustriesPrimaryKey[1]), ind.C("id")).
			Select(sql.As(ind.C("id"), "value"), sql.As(ind.C("name"), "name"), sql.As(sql.Count(sql.Distinct(s.C(profession.FieldID))), "n")).
			GroupBy(ind.C("id"), ind.C("name"))
	}).Scan(ctx, &inds)
	if err != nil {
		return nil, fmt.Errorf("counting professions by industry: %w", err)
	}
	for _, i := range inds {
		f.Industries = append(f.Industries, Count{Value: gid.Encode(i.Value), Label: i.Name, Count: i.N})
	}
	f.Groups, f.Industries = sorted(f.Groups), sorted(f.Industries)
	return &f, nil
}

// Salaries summarises the salary ranges of a set of professions, in one currency and period.
type Salaries struct {
	// Count is the number of professions with a salary range in the currency.
	Count int
	// Min is the lowest minimum, Max the highest maximum.
	Min, Max int
	// Median is the median of the ranges' midpoints.
	Median float64
}

// SalaryStats summarises the salary ranges in currency of the professions matching where,
// expressed per period (yearly figures are divided by 12 for MONTH, monthly ones multiplied by 12
// for YEAR). Ranges in other currencies are left out: there is no exchange rate to apply.
func SalaryStats(ctx context.Context, c *ent.Client, where predicate.Profession, currency string, period enum.SalaryPeriod) (*Salaries, error) {
	ps, err := c.Profession.Query().Where(where, profession.SalaryCurrency(currency),
		profession.SalaryMinNotNil(), profession.SalaryMaxNotNil(), profession.SalaryPeriodNotNil()).
		Select(profession.FieldSalaryMin, profession.FieldSalaryMax, profession.FieldSalaryPeriod).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading salary ranges: %w", err)
	}
	s := &Salaries{Count: len(ps)}
	if len(ps) == 0 {
		return s, nil
	}
	mids := make([]float64, 0, len(ps))
	for i, p := range ps {
		lo, hi := float64(*p.SalaryMin), float64(*p.SalaryMax)
		switch {
		case *p.SalaryPeriod == enum.Year && period == enum.Month:
			lo, hi = lo/12, hi/12
		case *p.SalaryPeriod == enum.Month && period == enum.Year:
			lo, hi = lo*12, hi*12
		}
		if i == 0 || int(lo) < s.Min {
			s.Min = int(lo)
		}
		if int(hi) > s.Max {
			s.Max = int(hi)
		}
		mids = append(mids, (lo+hi)/2)
	}
	slices.Sort(mids)
	if n := len(mids); n%2 == 1 {
		s.Median = mids[n/2]
	} else {
		s.Median = (mids[n/2-1] + mids[n/2]) / 2
	}
	return s, nil
}

// relabel sets each count's label from its value.
func relabel(counts []Count, name func(string) string) {
	for i := range counts {
		counts[i].Label = name(counts[i].Value)
	}
}

// enumLabel turns an enum value into words: SELF_PACED → "Self paced".
func enumLabel(v string) string {
	s := strings.ToLower(strings.ReplaceAll(v, "_", " "))
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// languageName names a BCP 47 tag in English: fi → "Finnish".
func languageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if n := display.English.Tags().Name(t); n != "" {
		return n
	}
	return tag
}

// label fills in the labels of counts whose values are IDs.
func label(ctx context.Context, counts []Count, names func([]int) (map[int]string, error)) error {
	ids := make([]int, 0, len(counts))
	for _, c := range counts {
		var id int
		if _, err := fmt.Sscan(c.Value, &id); err == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	byID, err := names(ids)
	if err != nil {
		return err
	}
	for i := range counts {
		var id int
		_, _ = fmt.Sscan(counts[i].Value, &id)
		counts[i].Value, counts[i].Label = gid.Encode(id), byID[id]
	}
	return nil
}

// merge adds up counts of the same value.
func merge(in []Count) []Count {
	idx := map[string]int{}
	var out []Count
	for _, c := range in {
		if i, ok := idx[c.Value]; ok {
			out[i].Count += c.Count
			continue
		}
		idx[c.Value] = len(out)
		out = append(out, c)
	}
	return out
}

// sorted orders counts by count, then label: the most useful narrowing first, deterministically.
func sorted(in []Count) []Count {
	sort.SliceStable(in, func(i, j int) bool {
		if in[i].Count != in[j].Count {
			return in[i].Count > in[j].Count
		}
		return in[i].Label < in[j].Label
	})
	return in
}

func bandKey(v string) string {
	var cur string
	var lo int64
	_, _ = fmt.Sscanf(v, "%3s:%d-", &cur, &lo)
	return fmt.Sprintf("%s:%012d", cur, lo)
}

// thousands writes n with thousands separators: 1500 → "1,500".
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
