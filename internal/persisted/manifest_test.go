package persisted_test

import (
	"encoding/json"
	"strings"
	"testing"

	"careergraph/internal/persisted"
)

// TestManifestsAsClientToolsWriteThem: Apollo's manifest, GraphQL Code Generator's client-preset
// manifest (sha256:-prefixed keys), Relay's (bare SHA-256 keys) and a plain array all register;
// a key that is not the SHA-256 of its document is refused with what to change.
func TestManifestsAsClientToolsWriteThem(t *testing.T) {
	a, b := `query A { professions(first: 1) { totalCount } }`, `query B { skills(first: 1) { totalCount } }`
	marshal := func(v any) []byte { raw, _ := json.Marshal(v); return raw }
	for name, raw := range map[string][]byte{
		"Apollo": marshal(map[string]any{"format": "apollo-persisted-query-manifest", "version": 1, "operations": []any{
			map[string]any{"id": persisted.Hash(a), "name": "A", "type": "query", "body": a},
			map[string]any{"id": persisted.Hash(b), "name": "B", "type": "query", "body": b},
		}}),
		"CodegenClientPreset": marshal(map[string]string{"sha256:" + persisted.Hash(a): a, "sha256:" + persisted.Hash(b): b}),
		"Relay":               marshal(map[string]string{persisted.Hash(a): a, persisted.Hash(b): b}),
		"Array":               marshal([]string{a, b}),
	} {
		docs, err := persisted.Manifest(raw)
		if err != nil || len(docs) != 2 {
			t.Errorf("%s: %v, %v", name, docs, err)
		}
	}
	md5 := marshal(map[string]string{"0cc175b9c0f1b6a831c399e269772661": a})
	if _, err := persisted.Manifest(md5); err == nil || !strings.Contains(err.Error(), "SHA-256") || !strings.Contains(err.Error(), persisted.Hash(a)) {
		t.Errorf("a manifest hashed with MD5: %v", err)
	}
	if _, err := persisted.Manifest([]byte(`{"format": 5}`)); err == nil {
		t.Error("not a manifest, accepted")
	}
}

func TestHashOf(t *testing.T) {
	h := persisted.Hash("x")
	for in, ok := range map[string]bool{h: true, "sha256:" + h: true, strings.ToUpper(h): true, "sha1:" + h: false, h[:10]: false, "sha256:" + strings.Repeat("z", 64): false} {
		if got, gotOK := persisted.HashOf(in); gotOK != ok || ok && got != h {
			t.Errorf("HashOf(%q) = %q, %v", in, got, gotOK)
		}
	}
}
