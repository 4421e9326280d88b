package apiclient

import (
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		raw  string
		want url.Values
		err  string
	}{
		{"", url.Values{}, ""},
		{"a=1&b=2&a=3", url.Values{"a": {"1", "3"}, "b": {"2"}}, ""},
		{"name=CentOS%208.2%2064%E4%BD%8D&&flag", url.Values{"name": {"CentOS 8.2 64位"}, "flag": {""}}, ""},
		// As the signature reads them: "+" and ";" are literal.
		{"a=x+y&b=c;d", url.Values{"a": {"x+y"}, "b": {"c;d"}}, ""},
		{"a=%zz", nil, "Invalid parameter a '%zz': malformed percent-encoding"},
		{"a=1%", nil, "Invalid parameter a '1%': malformed percent-encoding"},
		{"a%2=1", nil, "Invalid parameter name 'a%2': malformed percent-encoding"},
		{"ok=1&a=%" + strings.Repeat("x", 100), nil, "Invalid parameter a '%" + strings.Repeat("x", 63) + "…': malformed percent-encoding"},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.raw)
		if tt.err != "" {
			var qe *QueryError
			if err == nil || err.Error() != tt.err || !asQueryError(err, &qe) {
				t.Errorf("%q: error %v, want %q", tt.raw, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: %v %v, want %v", tt.raw, got, err, tt.want)
		}
	}
}

func asQueryError(err error, target **QueryError) bool {
	qe, ok := err.(*QueryError)
	*target = qe
	return ok
}

// TestParseQueryLimit: MaxQueryParams parameters are read, one more is
// refused (url.ParseQuery's own limit would instead drop them all).
func TestParseQueryLimit(t *testing.T) {
	parts := make([]string, MaxQueryParams)
	for i := range parts {
		parts[i] = "ids." + strconv.Itoa(i+1) + "=i-x"
	}
	raw := strings.Join(parts, "&")
	v, err := ParseQuery(raw)
	if err != nil || len(ListFromQuery(v, "ids")) != MaxQueryParams {
		t.Fatalf("%d parameters: %v", MaxQueryParams, err)
	}
	// Empty pieces are not parameters.
	if _, err := ParseQuery(raw + "&&&"); err != nil {
		t.Fatalf("trailing separators: %v", err)
	}
	_, err = ParseQuery(raw + "&one=more")
	if err == nil || err.Error() != "Invalid query: 10001 parameters, at most 10000 allowed" {
		t.Fatalf("10001 parameters: %v", err)
	}
}

// FuzzParseQuery: whatever parses, parses to what the signature signs:
// the parameters re-encoded and sorted are CanonicalQuery of the raw query.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "a=1&b=2", "o=%&p0=p0", "x=%zz", "a=x+y;z", "n=%E4%BD%8D&&=v&k", "filters.1.values.1=i-a%2Fb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := ParseQuery(raw)
		if err != nil {
			if _, ok := err.(*QueryError); !ok {
				t.Fatalf("%q: error %T %v", raw, err, err)
			}
			return
		}
		var pairs []string
		for name, vals := range v {
			for _, val := range vals {
				pairs = append(pairs, escape(name, false)+"="+escape(val, false))
			}
		}
		sort.Slice(pairs, func(i, j int) bool {
			ni, vi, _ := strings.Cut(pairs[i], "=")
			nj, vj, _ := strings.Cut(pairs[j], "=")
			if ni != nj {
				return ni < nj
			}
			return vi < vj
		})
		if got, want := strings.Join(pairs, "&"), CanonicalQuery(raw); got != want {
			t.Fatalf("%q: parsed as %q, signed as %q", raw, got, want)
		}
	})
}
