// Package persisted stores GraphQL documents by the SHA-256 of their text, so that clients can
// send a hash instead of a document.
//
//   - Automatic persisted queries: a client sends the hash; when the server does not know it yet,
//     the client sends the document with it once, and from then on the hash alone. With the hash
//     in a GET request's URL, responses can be cached by browsers and CDNs.
//   - Trusted documents: an operator registers a client's documents (`careergraph documents
//     register`, from Apollo's, GraphQL Code Generator's or Relay's manifest); in
//     trusted-documents mode only those run, and no one can add more.
//   - A request names a stored document by extensions.persistedQuery.sha256Hash (Apollo) or by
//     documentId (GraphQL Code Generator, Yoga, the GraphQL-over-HTTP working group), in a POST
//     body or in a GET request's URL.
//
// Documents live in the database, shared by every replica; each process keeps the ones it has
// seen in memory, which is safe because a hash always names the same text.
package persisted

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/ent"
	"careergraph/ent/persisteddocument"
	"careergraph/internal/access"
	"careergraph/internal/apierr"
)

// memoryLimit bounds the documents one process keeps in memory.
const memoryLimit = 10_000

// Store is the documents' store; it is gqlgen's cache for automatic persisted queries.
type Store struct {
	client *ent.Client

	mu   sync.RWMutex
	seen map[string]string // hash → document
}

var _ graphql.Cache[string] = (*Store)(nil)

// New returns the store over client.
func New(client *ent.Client) *Store {
	return &Store{client: client, seen: map[string]string{}}
}

// Hash returns the key of a document: the lowercase hex SHA-256 of its text.
func Hash(document string) string {
	h := sha256.Sum256([]byte(document))
	return hex.EncodeToString(h[:])
}

// Get implements graphql.Cache: the document stored under hash.
func (s *Store) Get(ctx context.Context, hash string) (string, bool) {
	doc, _, ok := s.lookup(ctx, hash, false)
	return doc, ok
}

// Add implements graphql.Cache: gqlgen calls it with a document whose hash it has checked.
func (s *Store) Add(ctx context.Context, hash, document string) {
	err := s.client.PersistedDocument.Create().SetHash(hash).SetDocument(document).SetCreatedAt(time.Now()).
		OnConflictColumns(persisteddocument.FieldHash).DoNothing().Exec(access.AsSystem(ctx))
	if err == nil || ent.IsNotFound(err) { // DoNothing on a known hash reports no row.
		s.remember(hash, document)
	}
}

// lookup finds a document, in memory or in the database; trustedOnly skips untrusted ones.
func (s *Store) lookup(ctx context.Context, hash string, trustedOnly bool) (string, bool, bool) {
	if !trustedOnly {
		s.mu.RLock()
		doc, ok := s.seen[hash]
		s.mu.RUnlock()
		if ok {
			return doc, false, true
		}
	}
	q := s.client.PersistedDocument.Query().Where(persisteddocument.Hash(hash))
	if trustedOnly {
		q = q.Where(persisteddocument.Trusted(true))
	}
	d, err := q.Only(access.AsSystem(ctx))
	if err != nil {
		return "", false, false
	}
	s.remember(hash, d.Document)
	return d.Document, d.Trusted, true
}

func (s *Store) remember(hash, document string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.seen) >= memoryLimit {
		clear(s.seen) // Crude but bounded; the database still has everything.
	}
	s.seen[hash] = document
}

// Register stores documents as trusted for a client; registering again changes nothing. It
// returns how many documents were new.
func (s *Store) Register(ctx context.Context, client string, documents []string) (int, error) {
	ctx = access.AsSystem(ctx)
	added := 0
	for _, doc := range documents {
		hash := Hash(doc)
		existing, err := s.client.PersistedDocument.Query().Where(persisteddocument.Hash(hash)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			err = s.client.PersistedDocument.Create().SetHash(hash).SetDocument(doc).SetTrusted(true).
				SetClient(client).SetCreatedAt(time.Now()).Exec(ctx)
			added++
		case err == nil && !existing.Trusted:
			err = s.client.PersistedDocument.UpdateOne(existing).SetTrusted(true).SetClient(client).Exec(ctx)
			added++
		}
		if err != nil {
			return added, fmt.Errorf("registering document %s: %w", hash[:12], err)
		}
	}
	return added, nil
}

// TrustedOnly is a gqlgen extension that lets only registered documents run: a request names
// one by its hash (extensions.persistedQuery.sha256Hash) or sends its exact text.
type TrustedOnly struct{ Store *Store }

var (
	_ graphql.HandlerExtension          = TrustedOnly{}
	_ graphql.OperationParameterMutator = TrustedOnly{}
)

// ExtensionName implements graphql.HandlerExtension.
func (TrustedOnly) ExtensionName() string { return "TrustedDocuments" }

// Validate implements graphql.HandlerExtension.
func (TrustedOnly) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (t TrustedOnly) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	hash := requestedHash(p)
	if hash == "" {
		hash = Hash(p.Query)
	}
	doc, trusted, ok := t.Store.lookup(ctx, hash, true)
	if !ok || !trusted {
		return apierr.New(apierr.Forbidden, "only registered documents run on this server; send the hash of one").GraphQL()
	}
	p.Query = doc
	delete(p.Extensions, "persistedQuery") // Resolved here; automatic persisted queries are off.
	return nil
}

// requestedHash reads extensions.persistedQuery.sha256Hash.
func requestedHash(p *graphql.RawParams) string {
	pq, _ := p.Extensions["persistedQuery"].(map[string]any)
	h, _ := pq["sha256Hash"].(string)
	if hash, ok := HashOf(h); ok {
		return hash
	}
	return h
}

// Manifest reads the documents of a client build tool's manifest, checking that each is listed
// under the SHA-256 of its text. It reads:
//
//   - Apollo's persisted-query manifest: {"format": "apollo-persisted-query-manifest",
//     "operations": [{"id": HASH, "body": DOCUMENT}, …]};
//   - an object of hash → document, as GraphQL Code Generator's client preset (keys
//     "sha256:HASH") and Relay's compiler (persistConfig with algorithm SHA256) write it;
//   - an array of documents.
func Manifest(raw []byte) ([]string, error) {
	var apollo struct {
		Format     string `json:"format"`
		Operations []struct {
			ID   string `json:"id"`
			Body string `json:"body"`
		} `json:"operations"`
	}
	byHash := map[string]string{}
	var docs []string
	switch {
	case json.Unmarshal(raw, &apollo) == nil && apollo.Format == "apollo-persisted-query-manifest":
		for _, op := range apollo.Operations {
			byHash[op.ID] = op.Body
		}
	case json.Unmarshal(raw, &byHash) == nil:
	case json.Unmarshal(raw, &docs) == nil:
		return docs, nil
	default:
		return nil, errors.New("not a manifest: expected Apollo's persisted-query manifest, an object of SHA-256 hash → document, or an array of documents")
	}
	for key, doc := range byHash {
		hash, ok := HashOf(key)
		if !ok || hash != Hash(doc) {
			return nil, fmt.Errorf("the document listed under %q is not listed under the SHA-256 of its text (%s): have the client hash documents with SHA-256 (Relay: persistConfig.algorithm SHA256)", key, Hash(doc))
		}
		docs = append(docs, doc)
	}
	slices.Sort(docs)
	return docs, nil
}

// HashOf reads a document's hash as clients write it: hex SHA-256, bare or "sha256:"-prefixed
// (the GraphQL-over-HTTP working group's persisted-document IDs). It reports false for anything
// else.
func HashOf(id string) (string, bool) {
	hash := strings.ToLower(strings.TrimPrefix(id, "sha256:"))
	if len(hash) != sha256.Size*2 {
		return "", false
	}
	if _, err := hex.DecodeString(hash); err != nil {
		return "", false
	}
	return hash, true
}

// DocumentID turns a request's documentId (the persisted-documents convention that GraphQL Code
// Generator and GraphQL Yoga follow) into the persisted-query extension the stores read, so that
// both ways of naming a stored document work alike. A request that also sends a query keeps it.
func DocumentID(p *graphql.RawParams, documentID string) *gqlerror.Error {
	if documentID == "" {
		return nil
	}
	hash, ok := HashOf(documentID)
	if !ok {
		return apierr.Invalid("documentId", "documentId must be a SHA-256 hash in hex, optionally prefixed with sha256:").GraphQL()
	}
	if p.Extensions == nil {
		p.Extensions = map[string]any{}
	}
	p.Extensions["persistedQuery"] = map[string]any{"version": 1, "sha256Hash": hash}
	return nil
}
