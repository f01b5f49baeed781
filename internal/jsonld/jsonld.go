// Package jsonld describes professions and trainings as schema.org structured data (JSON-LD),
// for partners to embed in their pages: search engines read it to show salaries, courses and
// their next dates.
package jsonld

import (
	"fmt"
	"time"

	"careergraph/ent"
	"careergraph/ent/schema/enum"
)

// Object is a JSON-LD object.
type Object = map[string]any

const context = "https://schema.org"

// Occupation describes a profession as a schema.org Occupation. skills are the skills it needs,
// essential first.
func Occupation(p *ent.Profession, skills []*ent.Skill) Object {
	o := Object{"@context": context, "@type": "Occupation", "name": p.Title}
	if p.Summary != "" {
		o["description"] = p.Summary
	}
	if len(p.AlternativeTitles) > 0 {
		o["alternateName"] = p.AlternativeTitles
	}
	var categories []Object
	if p.IscoCode != nil {
		categories = append(categories, Object{"@type": "CategoryCode", "codeValue": *p.IscoCode, "inCodeSet": "ISCO-08"})
	}
	if p.OnetSocCode != nil {
		categories = append(categories, Object{"@type": "CategoryCode", "codeValue": *p.OnetSocCode, "inCodeSet": "O*NET-SOC"})
	}
	if len(categories) > 0 {
		o["occupationalCategory"] = categories
	}
	if p.EscoURI != nil {
		o["sameAs"] = *p.EscoURI
	}
	if p.SalaryMin != nil && p.SalaryMax != nil && p.SalaryCurrency != nil && p.SalaryPeriod != nil {
		o["estimatedSalary"] = []Object{{
			"@type": "MonetaryAmountDistribution", "name": "base",
			"currency": *p.SalaryCurrency, "duration": duration(*p.SalaryPeriod),
			"minValue": *p.SalaryMin, "maxValue": *p.SalaryMax,
		}}
	}
	if len(skills) > 0 {
		o["skills"] = terms(skills)
	}
	return o
}

// Course describes a training as a schema.org Course, with one CourseInstance per upcoming
// session (a self-paced training has one without dates).
func Course(t *ent.Training, provider *ent.Provider, skills []*ent.Skill, sessions []*ent.TrainingSession) Object {
	o := Object{"@context": context, "@type": "Course", "name": t.Title, "inLanguage": t.Language,
		"educationalLevel": level(t.Level)}
	if t.Summary != "" {
		o["description"] = t.Summary
	}
	if provider != nil {
		org := Object{"@type": "Organization", "name": provider.Name}
		if provider.Website != nil {
			org["sameAs"] = *provider.Website
		}
		o["provider"] = org
	}
	if len(skills) > 0 {
		o["teaches"] = terms(skills)
	}
	if t.DurationHours != nil {
		o["timeRequired"] = fmt.Sprintf("PT%dH", *t.DurationHours)
	}
	if t.Credential != nil {
		o["educationalCredentialAwarded"] = *t.Credential
	}
	offer := Object{"@type": "Offer", "category": "Free", "price": 0}
	if t.PriceCents != nil && *t.PriceCents > 0 && t.PriceCurrency != nil {
		offer = Object{"@type": "Offer", "category": "Paid", "price": float64(*t.PriceCents) / 100, "priceCurrency": *t.PriceCurrency}
	}
	o["offers"] = []Object{offer}
	var instances []Object
	for _, s := range sessions {
		instances = append(instances, instance(t, s))
	}
	if len(instances) == 0 && t.Format == enum.SelfPaced {
		instances = append(instances, Object{"@type": "CourseInstance", "courseMode": "Online", "courseWorkload": o["timeRequired"]})
	}
	if len(instances) > 0 {
		o["hasCourseInstance"] = instances
	}
	return o
}

func instance(t *ent.Training, s *ent.TrainingSession) Object {
	loc := time.UTC
	if l, err := time.LoadLocation(s.TimeZone); err == nil {
		loc = l
	}
	i := Object{
		"@type": "CourseInstance", "courseMode": mode(t.Format, s.Online),
		"startDate": s.StartsAt.In(loc).Format(time.RFC3339), "endDate": s.EndsAt.In(loc).Format(time.RFC3339),
		"maximumAttendeeCapacity": s.Capacity, "remainingAttendeeCapacity": s.SeatsLeft,
	}
	if s.Status == enum.Cancelled {
		i["eventStatus"] = "https://schema.org/EventCancelled"
	}
	if s.Online {
		i["location"] = Object{"@type": "VirtualLocation"}
	} else {
		place := Object{"@type": "Place"}
		if s.Venue != nil {
			place["name"] = *s.Venue
		}
		if s.City != nil {
			place["address"] = Object{"@type": "PostalAddress", "addressLocality": *s.City}
		}
		i["location"] = place
	}
	return i
}

func terms(skills []*ent.Skill) []Object {
	out := make([]Object, len(skills))
	for i, s := range skills {
		out[i] = Object{"@type": "DefinedTerm", "name": s.Name}
	}
	return out
}

// mode is schema.org's courseMode of a session.
func mode(f enum.TrainingFormat, online bool) string {
	switch {
	case f == enum.Hybrid:
		return "Blended"
	case online || f == enum.Online || f == enum.SelfPaced:
		return "Online"
	}
	return "Onsite"
}

func level(l enum.TrainingLevel) string {
	switch l {
	case enum.Intermediate:
		return "Intermediate"
	case enum.Advanced:
		return "Advanced"
	}
	return "Beginner"
}

// duration is the ISO 8601 period a salary is paid for.
func duration(p enum.SalaryPeriod) string {
	if p == enum.Year {
		return "P1Y"
	}
	return "P1M"
}
