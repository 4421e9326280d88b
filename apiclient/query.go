package apiclient

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// query is an ordered list of query parameters, encoded per RFC 3986 (space
// is %20, never "+") the same way the signature canonicalises them.
type query []queryParam

type queryParam struct{ name, value string }

func (q *query) add(name, value string) { *q = append(*q, queryParam{name, value}) }

// addIf adds the parameter only when value is not empty.
func (q *query) addIf(name, value string) {
	if value != "" {
		q.add(name, value)
	}
}

// addFilters adds filters.N.name, filters.N.operator and
// filters.N.values.M, all 1-based.
func (q *query) addFilters(filters ...Filter) {
	for i, f := range filters {
		prefix := "filters." + strconv.Itoa(i+1) + "."
		q.add(prefix+"name", f.Name)
		if f.Operator != "" {
			q.add(prefix+"operator", f.Operator)
		}
		for j, v := range f.Values {
			q.add(prefix+"values."+strconv.Itoa(j+1), v)
		}
	}
}

// addList adds name.1, name.2, ... (1-based).
func (q *query) addList(name string, values []string) {
	for i, v := range values {
		q.add(name+"."+strconv.Itoa(i+1), v)
	}
}

func (q query) encode() string {
	var b strings.Builder
	for i, p := range q {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(escape(p.name, false))
		b.WriteByte('=')
		b.WriteString(escape(p.value, false))
	}
	return b.String()
}

// QueryError is a malformed query parameter, worded as JD Cloud's gateway
// words it ("Invalid parameter filters.x.name").
type QueryError struct{ Message string }

func (e *QueryError) Error() string { return e.Message }

// MaxQueryParams is how many query parameters ParseQuery accepts: Go's own
// net/url limit, far above any call's needs (a status poll of 100 ids
// sends about 100).
const MaxQueryParams = 10000

// ParseQuery decodes a raw query string for servers such as the sandbox,
// exactly as the signature canonicalises it (CanonicalQuery): pairs split on
// "&", names and values percent-decoded, "+" and ";" taken literally. Unlike
// url.URL.Query, which drops every parameter when url.ParseQuery fails (and
// so turns a filtered call into an unfiltered one), it refuses the whole
// query: a malformed escape such as "%zz" or more than MaxQueryParams
// parameters is a *QueryError worded as JD Cloud's gateway words bad input.
func ParseQuery(rawQuery string) (url.Values, error) {
	v := url.Values{}
	if rawQuery == "" {
		return v, nil
	}
	n := 0
	for part := range strings.SplitSeq(rawQuery, "&") {
		if part != "" {
			n++
		}
	}
	if n > MaxQueryParams {
		return nil, &QueryError{"Invalid query: " + strconv.Itoa(n) + " parameters, at most " + strconv.Itoa(MaxQueryParams) + " allowed"}
	}
	for part := range strings.SplitSeq(rawQuery, "&") {
		if part == "" {
			continue
		}
		rawName, rawValue, _ := strings.Cut(part, "=")
		name, err := url.PathUnescape(rawName)
		if err != nil {
			return nil, &QueryError{"Invalid parameter name '" + clip(rawName) + "': malformed percent-encoding"}
		}
		value, err := url.PathUnescape(rawValue)
		if err != nil {
			return nil, &QueryError{"Invalid parameter " + clip(name) + " '" + clip(rawValue) + "': malformed percent-encoding"}
		}
		v[name] = append(v[name], value)
	}
	return v, nil
}

// clip shortens what an error message quotes of the request.
func clip(s string) string {
	const limit = 64
	if len(s) <= limit {
		return s
	}
	return strings.ToValidUTF8(s[:limit], "") + "…"
}

// ParseFilters decodes filters.N.name / filters.N.operator /
// filters.N.values.M from a parsed query, ordered by N then M; for servers
// such as the sandbox. A malformed filter key, or a filter without a name,
// is an error worded as JD Cloud's gateway words it.
func ParseFilters(q url.Values) ([]Filter, error) {
	byIndex := map[int]*Filter{}
	for key, vs := range q {
		rest, ok := strings.CutPrefix(key, "filters.")
		if !ok || len(vs) == 0 {
			continue
		}
		num, field, _ := strings.Cut(rest, ".")
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 {
			return nil, &QueryError{"Invalid parameter " + key}
		}
		f := byIndex[n]
		if f == nil {
			f = &Filter{}
			byIndex[n] = f
		}
		switch {
		case field == "name":
			f.Name = vs[0]
		case field == "operator":
			f.Operator = vs[0]
		case strings.HasPrefix(field, "values."):
			// gathered below, in index order
		default:
			return nil, &QueryError{"Invalid parameter " + key}
		}
	}
	indexes := make([]int, 0, len(byIndex))
	for n := range byIndex {
		indexes = append(indexes, n)
	}
	sort.Ints(indexes)
	out := make([]Filter, 0, len(indexes))
	for _, n := range indexes {
		f := byIndex[n]
		if f.Name == "" {
			return nil, &QueryError{"Parameter filters." + strconv.Itoa(n) + ".name missing"}
		}
		f.Values = ListFromQuery(q, "filters."+strconv.Itoa(n)+".values")
		out = append(out, *f)
	}
	return out, nil
}

// ListFromQuery decodes name.1, name.2, ... (such as ids.N) in index order;
// keys that are not name.N are ignored.
func ListFromQuery(q url.Values, name string) []string {
	type item struct {
		n int
		v string
	}
	var items []item
	for key, vs := range q {
		rest, ok := strings.CutPrefix(key, name+".")
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(rest); err == nil && n >= 1 {
			for _, v := range vs {
				items = append(items, item{n, v})
			}
		}
	}
	if len(items) == 0 {
		return nil
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].n < items[j].n })
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}
