package enum

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"
)

// Every value is a GraphQL name, and so marshals to a JSON string that reads back as itself.
func TestValuesMarshalAsJSONStrings(t *testing.T) {
	name := regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)
	type enum interface {
		Values() []string
	}
	for _, e := range []enum{PublicationStatus(""), TrainingLevel(""), TrainingFormat(""), SessionStatus(""),
		SalaryPeriod(""), Importance(""), SkillKind(""), SkillType(""), ReuseLevel(""), SkillCategory(""),
		Role(""), Scope(""), RegistrationStatus(""), AuditAction("")} {
		for _, v := range e.Values() {
			if !name.MatchString(v) {
				t.Errorf("%T value %q is not a GraphQL name", e, v)
			}
			var b bytes.Buffer
			marshal(&b, v)
			var back string
			if err := json.Unmarshal(b.Bytes(), &back); err != nil || back != v {
				t.Errorf("%T value %q marshals to %s", e, v, b.Bytes())
			}
		}
	}
}
