package gid_test

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"testing"

	"careergraph/ent"
	"careergraph/internal/gid"
)

func TestRoundTripForEveryType(t *testing.T) {
	for name, r := range ent.GlobalIDRanges {
		for _, key := range []int{r.Start + 1, r.Start + 123456, r.Start + 1<<32 - 1} {
			id := gid.Encode(key)
			got, typ, err := gid.Decode(id)
			if err != nil || got != key || typ != name {
				t.Errorf("Decode(Encode(%d)) = %d %q %v, want %d %q", key, got, typ, err, key, name)
			}
			if strings.ContainsAny(id, "+/=") {
				t.Errorf("ID %q is not URL-safe", id)
			}
		}
	}
}

func TestDecodeRejectsWhatWeDidNotIssue(t *testing.T) {
	skill := ent.GlobalIDRanges["Skill"].Start + 7
	raw := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for name, id := range map[string]string{
		"Empty":          "",
		"NotBase64":      "%%%",
		"NoSeparator":    raw("Skill42"),
		"NotANumber":     raw("Skill:abc"),
		"UnknownType":    raw("Planet:1"),
		"TypeMismatch":   raw("Profession:" + strconv.Itoa(skill)),
		"OutsideAnyType": raw("Skill:-5"),
	} {
		if _, _, err := gid.Decode(id); !errors.Is(err, gid.ErrInvalid) {
			t.Errorf("%s: Decode(%q) = %v, want ErrInvalid", name, id, err)
		}
	}
}

func TestDecodeAsNamesBothTypes(t *testing.T) {
	id := gid.Encode(ent.GlobalIDRanges["Skill"].Start + 1)
	if _, err := gid.DecodeAs(id, "Skill"); err != nil {
		t.Fatalf("DecodeAs(skill, Skill) = %v", err)
	}
	_, err := gid.DecodeAs(id, "Training")
	if err == nil || !strings.Contains(err.Error(), "Training") || !strings.Contains(err.Error(), "Skill") {
		t.Errorf("DecodeAs(skill, Training) = %v, want an error naming both", err)
	}
}
