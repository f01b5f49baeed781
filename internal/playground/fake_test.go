package playground_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
)

// fakeIntrospection is the introspection answer of a small schema:
//
//	type Query {
//	  "Professions, in pages."
//	  professions(first: Int = 10, after: String): ProfessionConnection!
//	  profession(slug: String!): Profession
//	}
//	type ProfessionConnection { totalCount: Int!  edges: [ProfessionEdge!]! }
//	type ProfessionEdge { cursor: String!  node: Profession! }
//	type Profession implements Node { id: ID!  title: String!  slug: String!  level: Level  code: String @deprecated }
//	interface Node { id: ID! }
//	enum Level { JUNIOR SENIOR }
const fakeIntrospection = `{"data":{"__schema":{
"description":null,
"queryType":{"name":"Query"},"mutationType":null,"subscriptionType":null,
"directives":[],
"types":[
 {"kind":"OBJECT","name":"Query","description":"The root of all queries.","specifiedByURL":null,
  "fields":[
   {"name":"professions","description":"Professions, in pages of ` + "`first`" + ` items.",
    "args":[
     {"name":"first","description":"How many to return.","type":{"kind":"SCALAR","name":"Int","ofType":null},"defaultValue":"10"},
     {"name":"after","description":"A cursor.","type":{"kind":"SCALAR","name":"String","ofType":null},"defaultValue":null}],
    "type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"OBJECT","name":"ProfessionConnection","ofType":null}},
    "isDeprecated":false,"deprecationReason":null},
   {"name":"profession","description":"One profession, by its slug.",
    "args":[{"name":"slug","description":null,"type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"String","ofType":null}},"defaultValue":null}],
    "type":{"kind":"OBJECT","name":"Profession","ofType":null},
    "isDeprecated":false,"deprecationReason":null}],
  "inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},
 {"kind":"OBJECT","name":"ProfessionConnection","description":"A page of professions.","specifiedByURL":null,
  "fields":[
   {"name":"totalCount","description":"All professions that match.","args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"Int","ofType":null}},"isDeprecated":false,"deprecationReason":null},
   {"name":"edges","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,"ofType":{"kind":"OBJECT","name":"ProfessionEdge","ofType":null}}}},"isDeprecated":false,"deprecationReason":null}],
  "inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},
 {"kind":"OBJECT","name":"ProfessionEdge","description":null,"specifiedByURL":null,
  "fields":[
   {"name":"cursor","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"String","ofType":null}},"isDeprecated":false,"deprecationReason":null},
   {"name":"node","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"OBJECT","name":"Profession","ofType":null}},"isDeprecated":false,"deprecationReason":null}],
  "inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":null},
 {"kind":"OBJECT","name":"Profession","description":"A profession, such as <b>nurse</b>.","specifiedByURL":null,
  "fields":[
   {"name":"id","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"ID","ofType":null}},"isDeprecated":false,"deprecationReason":null},
   {"name":"title","description":"The name of the profession.","args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"String","ofType":null}},"isDeprecated":false,"deprecationReason":null},
   {"name":"slug","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"String","ofType":null}},"isDeprecated":false,"deprecationReason":null},
   {"name":"level","description":null,"args":[],"type":{"kind":"ENUM","name":"Level","ofType":null},"isDeprecated":false,"deprecationReason":null},
   {"name":"code","description":null,"args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":true,"deprecationReason":"Use slug."}],
  "inputFields":null,"interfaces":[{"kind":"INTERFACE","name":"Node","ofType":null}],"enumValues":null,"possibleTypes":null},
 {"kind":"INTERFACE","name":"Node","description":"An object with an ID.","specifiedByURL":null,
  "fields":[{"name":"id","description":null,"args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"ID","ofType":null}},"isDeprecated":false,"deprecationReason":null}],
  "inputFields":null,"interfaces":[],"enumValues":null,"possibleTypes":[{"kind":"OBJECT","name":"Profession","ofType":null}]},
 {"kind":"ENUM","name":"Level","description":"How senior a profession is.","specifiedByURL":null,"fields":null,"inputFields":null,"interfaces":null,
  "enumValues":[{"name":"JUNIOR","description":null,"isDeprecated":false,"deprecationReason":null},{"name":"SENIOR","description":null,"isDeprecated":false,"deprecationReason":null}],
  "possibleTypes":null},
 {"kind":"SCALAR","name":"Int","description":"A whole number.","specifiedByURL":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":null},
 {"kind":"SCALAR","name":"String","description":null,"specifiedByURL":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":null},
 {"kind":"SCALAR","name":"ID","description":null,"specifiedByURL":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":null},
 {"kind":"SCALAR","name":"Boolean","description":null,"specifiedByURL":null,"fields":null,"inputFields":null,"interfaces":null,"enumValues":null,"possibleTypes":null}
]}}}`

// fakeAnswer is the answer to every query that is not an introspection.
const fakeAnswer = `{"data":{"professions":{"totalCount":3}}}`

// graphQLRequest is what the playground posts.
type graphQLRequest struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName *string        `json:"operationName"`
}

// recorded is one request that the fake endpoint got.
type recorded struct {
	Body   graphQLRequest
	Header http.Header
}

// fakeGraphQL is a stand-in for the GraphQL endpoint. It answers the
// introspection query with fakeIntrospection (or with an error, when
// noIntrospection is set) and every other query with fakeAnswer, and it
// records the other queries.
type fakeGraphQL struct {
	noIntrospection bool

	mu       sync.Mutex
	mode     answerMode
	requests []recorded
}

// answerMode chooses how the fake answers queries that are not an
// introspection.
type answerMode int

const (
	modeOK     answerMode = iota // fakeAnswer
	modeHTML                     // 502 with an HTML page
	modeHangUp                   // close the connection with no answer
	modeErrors                   // a GraphQL error with a location
)

func (f *fakeGraphQL) setMode(m answerMode) {
	f.mu.Lock()
	f.mode = m
	f.mu.Unlock()
}

func (f *fakeGraphQL) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var req graphQLRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		http.Error(w, "bad JSON: "+err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if strings.Contains(req.Query, "__schema") {
		if f.noIntrospection {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"errors":[{"message":"introspection disabled"}]}`)
			return
		}
		io.WriteString(w, fakeIntrospection)
		return
	}
	f.mu.Lock()
	mode := f.mode
	if mode == modeOK {
		f.requests = append(f.requests, recorded{Body: req, Header: r.Header.Clone()})
	}
	f.mu.Unlock()
	switch mode {
	case modeHTML:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<h1>Bad gateway</h1>")
	case modeHangUp:
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close()
		}
	case modeErrors:
		io.WriteString(w, `{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":2,"column":3}]}],"data":null}`)
	default:
		io.WriteString(w, fakeAnswer)
	}
}

func (f *fakeGraphQL) recorded() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}
