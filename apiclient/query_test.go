package apiclient

import (
	"net/url"
	"reflect"
	"testing"
)

func TestParseFiltersOrdersByIndex(t *testing.T) {
	q, _ := url.ParseQuery("filters.2.name=az&filters.2.values.1=z&filters.1.name=instanceId" +
		"&filters.1.values.10=i-j&filters.1.values.2=i-b&filters.1.values.1=i-a&filters.1.operator=in&ids.1=x")
	got, err := ParseFilters(q)
	if err != nil {
		t.Fatal(err)
	}
	want := []Filter{
		{Name: "instanceId", Operator: "in", Values: []string{"i-a", "i-b", "i-j"}},
		{Name: "az", Values: []string{"z"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestParseFiltersRefusesMalformedKeys(t *testing.T) {
	for raw, want := range map[string]string{
		"filters.0.name=a":                "Invalid parameter filters.0.name",
		"filters.x.name=a":                "Invalid parameter filters.x.name",
		"filters.1.nmae=a":                "Invalid parameter filters.1.nmae",
		"filters.1.values.1=a":            "Parameter filters.1.name missing",
		"filters.1.name=a&filters.3.op=b": "Invalid parameter filters.3.op",
	} {
		q, _ := url.ParseQuery(raw)
		if _, err := ParseFilters(q); err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", raw, err, want)
		}
	}
}

func TestListFromQuery(t *testing.T) {
	q, _ := url.ParseQuery("ids.3=c&ids.1=a&ids.2=b&ids.x=no&idsx.1=no")
	if got := ListFromQuery(q, "ids"); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Errorf("got %v", got)
	}
	if got := ListFromQuery(q, "other"); got != nil {
		t.Errorf("absent list: got %v", got)
	}
}
