package seed

import "careergraph/ent/schema/enum"

// The shapes of catalogue.json. References between objects are by slug.
type catalogue struct {
	ProfessionGroups []groupJSON      `json:"professionGroups"`
	Industries       []namedJSON      `json:"industries"`
	Specializations  []namedJSON      `json:"specializations"`
	SkillGroups      []skillGroupJSON `json:"skillGroups"`
	Skills           []skillJSON      `json:"skills"`
	Professions      []professionJSON `json:"professions"`
	Providers        []providerJSON   `json:"providers"`
	Trainings        []trainingJSON   `json:"trainings"`
	Authors          []authorJSON     `json:"authors"`
	BlogCategories   []namedJSON      `json:"blogCategories"`
	Tags             []namedJSON      `json:"tags"`
	BlogPosts        []postJSON       `json:"blogPosts"`
	GlossaryTerms    []termJSON       `json:"glossaryTerms"`
}

type namedJSON struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

type groupJSON struct {
	namedJSON
	Code   *string `json:"code"`
	Parent *string `json:"parent"`
}

// skillGroupJSON is a group of the skill taxonomy; parents come before their children.
type skillGroupJSON struct {
	namedJSON
	Code    *string  `json:"code"`
	Parents []string `json:"parents"`
}

type skillJSON struct {
	namedJSON
	Kind              enum.SkillKind         `json:"kind"`
	Category          *enum.SkillCategory    `json:"category"`
	AlternativeLabels []string               `json:"alternativeLabels"`
	Broader           *string                `json:"broader"`
	Groups            []string               `json:"groups"`
	CategoryGroup     *string                `json:"categoryGroup"`
	Collections       []enum.SkillCollection `json:"collections"`
	Related           []string               `json:"related"`
	Status            enum.PublicationStatus `json:"status"`
}

type professionJSON struct {
	Slug              string   `json:"slug"`
	Title             string   `json:"title"`
	Summary           string   `json:"summary"`
	Description       string   `json:"description"`
	Group             *string  `json:"group"`
	AlternativeTitles []string `json:"alternativeTitles"`
	TimeToLearn       *struct {
		MinMonths int `json:"minMonths"`
		MaxMonths int `json:"maxMonths"`
	} `json:"timeToLearn"`
	Salary *struct {
		Min      int               `json:"min"`
		Max      int               `json:"max"`
		Currency string            `json:"currency"`
		Period   enum.SalaryPeriod `json:"period"`
	} `json:"salary"`
	IscoCode    *string `json:"iscoCode"`
	EscoURI     *string `json:"escoUri"`
	OnetSocCode *string `json:"onetSocCode"`
	Skills      []struct {
		Skill      string          `json:"skill"`
		Importance enum.Importance `json:"importance"`
	} `json:"skills"`
	Specializations []string               `json:"specializations"`
	Industries      []string               `json:"industries"`
	Related         []string               `json:"related"`
	Status          enum.PublicationStatus `json:"status"`
}

type providerJSON struct {
	namedJSON
	Website *string `json:"website"`
	Email   *string `json:"email"`
	City    *string `json:"city"`
	Country *string `json:"country"`
}

type trainingJSON struct {
	Slug          string              `json:"slug"`
	Title         string              `json:"title"`
	Summary       string              `json:"summary"`
	Description   string              `json:"description"`
	Level         enum.TrainingLevel  `json:"level"`
	Format        enum.TrainingFormat `json:"format"`
	Language      string              `json:"language"`
	DurationHours *int                `json:"durationHours"`
	Price         *struct {
		Amount   float64 `json:"amount"`
		Currency string  `json:"currency"`
	} `json:"price"`
	Credential    *string                `json:"credential"`
	Provider      string                 `json:"provider"`
	Skills        []string               `json:"skills"`
	Professions   []string               `json:"professions"`
	Prerequisites []string               `json:"prerequisites"`
	Status        enum.PublicationStatus `json:"status"`
	Sessions      []sessionJSON          `json:"sessions"`
}

type sessionJSON struct {
	Key                          string             `json:"key"`
	StartsInDays                 int                `json:"startsInDays"`
	StartTime                    string             `json:"startTime"`
	DurationDays                 int                `json:"durationDays"`
	EndTime                      string             `json:"endTime"`
	TimeZone                     string             `json:"timeZone"`
	Online                       bool               `json:"online"`
	City                         *string            `json:"city"`
	Venue                        *string            `json:"venue"`
	Capacity                     int                `json:"capacity"`
	SeatsLeft                    int                `json:"seatsLeft"`
	RegistrationClosesDaysBefore *int               `json:"registrationClosesDaysBefore"`
	Status                       enum.SessionStatus `json:"status"`
}

type authorJSON struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Bio  string `json:"bio"`
}

type postJSON struct {
	Slug             string                 `json:"slug"`
	Title            string                 `json:"title"`
	Excerpt          string                 `json:"excerpt"`
	Body             string                 `json:"body"`
	Author           *string                `json:"author"`
	Category         *string                `json:"category"`
	Tags             []string               `json:"tags"`
	PublishedDaysAgo *int                   `json:"publishedDaysAgo"`
	Status           enum.PublicationStatus `json:"status"`
	Professions      []string               `json:"professions"`
	Skills           []string               `json:"skills"`
	Trainings        []string               `json:"trainings"`
}

type termJSON struct {
	Slug       string                 `json:"slug"`
	Term       string                 `json:"term"`
	Definition string                 `json:"definition"`
	Skills     []string               `json:"skills"`
	Status     enum.PublicationStatus `json:"status"`
}
