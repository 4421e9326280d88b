package wizard

import (
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
)

// Named is one item a flag may name: an image, a VPC, a subnet, a security
// group. Its id is what the API takes; its name is what a person knows.
type Named struct {
	ID, Name string
}

// Resolve finds the id that value stands for among items, as hcloud does:
// an id first, then a name, exactly, then ignoring case. A name that
// several items share is refused with each of them listed, and one that
// names nothing gets the closest name as a suggestion. kind names the items
// in messages: "image", "VPC", "subnet" or "security group" (said in the
// person's language), or another noun, said as it is.
func Resolve(kind, value string, items []Named) (string, error) {
	v := strings.TrimSpace(value)
	for _, it := range items {
		if it.ID == v {
			return it.ID, nil
		}
	}
	for _, match := range []func(string) bool{
		func(n string) bool { return n == v },
		func(n string) bool { return strings.EqualFold(n, v) },
	} {
		var found []Named
		for _, it := range items {
			if it.Name != "" && match(it.Name) {
				found = append(found, it)
			}
		}
		switch {
		case len(found) == 1:
			return found[0].ID, nil
		case len(found) > 1:
			var list []string
			for _, f := range found {
				list = append(list, f.ID+" ("+f.Name+")")
			}
			return "", apiclient.Errorf("%s %vs are named %q: %s; give the id", strconv.Itoa(len(found)), noun(kind), v, strings.Join(list, ", "))
		}
	}
	best, bestD := "", 4
	for _, it := range items {
		for _, s := range []string{it.Name, it.ID} {
			if d, ok := EditDistanceWithin(strings.ToLower(s), strings.ToLower(v), bestD-1); ok && s != "" && d < bestD {
				best, bestD = s, d
			}
		}
	}
	if best != "" {
		return "", apiclient.Errorf("no %v has the id or name %q; did you mean %q?", noun(kind), v, best)
	}
	return "", apiclient.Errorf("no %v has the id or name %q", noun(kind), v)
}

// noun is kind as a word a page says in the person's language.
func noun(kind string) any {
	switch kind {
	case "image":
		return apiclient.T("image")
	case "VPC":
		return apiclient.T("VPC")
	case "subnet":
		return apiclient.T("subnet")
	case "security group":
		return apiclient.T("security group")
	}
	return kind
}
