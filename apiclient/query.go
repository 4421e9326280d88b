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

// FiltersFromQuery decodes filters.N.name / filters.N.operator /
// filters.N.values.M from a parsed query, ordered by N then M; for servers
// such as the sandbox. Filters without a name are dropped.
func FiltersFromQuery(q url.Values) []Filter {
	byIndex := map[int]*Filter{}
	values := map[int]map[int]string{}
	for key, vs := range q {
		rest, ok := strings.CutPrefix(key, "filters.")
		if !ok || len(vs) == 0 {
			continue
		}
		num, field, ok := strings.Cut(rest, ".")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n < 1 {
			continue
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
			m, err := strconv.Atoi(strings.TrimPrefix(field, "values."))
			if err != nil || m < 1 {
				continue
			}
			if values[n] == nil {
				values[n] = map[int]string{}
			}
			values[n][m] = vs[0]
		}
	}
	indexes := make([]int, 0, len(byIndex))
	for n := range byIndex {
		indexes = append(indexes, n)
	}
	sort.Ints(indexes)
	var out []Filter
	for _, n := range indexes {
		f := byIndex[n]
		if f.Name == "" {
			continue
		}
		f.Values = orderedValues(values[n])
		out = append(out, *f)
	}
	return out
}

// ListFromQuery decodes name.1, name.2, ... (such as ids.N) in index order.
func ListFromQuery(q url.Values, name string) []string {
	byIndex := map[int]string{}
	for key, vs := range q {
		rest, ok := strings.CutPrefix(key, name+".")
		if !ok || len(vs) == 0 {
			continue
		}
		if n, err := strconv.Atoi(rest); err == nil && n >= 1 {
			byIndex[n] = vs[0]
		}
	}
	return orderedValues(byIndex)
}

func orderedValues(m map[int]string) []string {
	if len(m) == 0 {
		return nil
	}
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}
