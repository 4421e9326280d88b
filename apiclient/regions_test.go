package apiclient

import (
	"slices"
	"testing"
)

func TestRegionsCatalogue(t *testing.T) {
	rs := Regions()
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
		if r.Name == "" || r.EnglishName == "" {
			t.Errorf("%s has no display name", r.ID)
		}
		for _, z := range r.Zones {
			if got, ok := RegionOfZone(z); !ok || got != r.ID {
				t.Errorf("zone %s maps to %s", z, got)
			}
		}
	}
	if !slices.Equal(ids, []string{"cn-hongkong-11", "ap-singapore-11", "ap-thailand-11"}) {
		t.Errorf("regions %v", ids)
	}
	// The names as the regions and zones page writes them.
	for id, name := range map[string]string{"cn-hongkong-11": "中国-香港-11", "ap-singapore-11": "亚太-新加坡-11", "ap-thailand-11": "亚太-曼谷"} {
		if r, ok := LookupRegion(id); !ok || r.Name != name {
			t.Errorf("%s: %+v", id, r)
		}
	}
	sg, ok := LookupRegion("ap-singapore-11")
	if !ok || len(sg.Zones) != 4 {
		t.Errorf("%+v", sg)
	}
	rs[0].Zones[0] = "changed"
	if Regions()[0].Zones[0] == "changed" {
		t.Error("Regions returns the catalogue itself")
	}
	if _, ok := LookupRegion("cn-north-1"); ok {
		t.Error("cn-north-1 is not a COC region")
	}
}

func TestRegionOfZone(t *testing.T) {
	for az, want := range map[string]string{"cn-north-1a": "cn-north-1", "ap-thailand-11c": "ap-thailand-11", "cn-north-1": "", "a": "", "": "", "cn-north-1A": ""} {
		got, ok := RegionOfZone(az)
		if got != want || ok != (want != "") {
			t.Errorf("RegionOfZone(%q) = %q, %t", az, got, ok)
		}
	}
}
