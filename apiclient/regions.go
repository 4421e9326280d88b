package apiclient

import "slices"

// Region is a COC-VM region and its availability zones.
type Region struct {
	ID string
	// Name is the display name of the regions and zones page, e.g.
	// "中国-香港-11".
	Name string
	// EnglishName is the same in English.
	EnglishName string
	Zones       []string
}

// regions is the catalogue of the page "地域及可用区" (regions and zones):
// ids, zones and display names as it writes them. The English names are
// the cities of its 所在城市 column. Users may still type any region id: JD
// Cloud adds regions faster than this list changes.
var regions = []Region{
	{ID: "cn-hongkong-11", Name: "中国-香港-11", EnglishName: "Hong Kong", Zones: []string{"cn-hongkong-11a", "cn-hongkong-11b", "cn-hongkong-11c"}},
	{ID: "ap-singapore-11", Name: "亚太-新加坡-11", EnglishName: "Singapore", Zones: []string{"ap-singapore-11a", "ap-singapore-11b", "ap-singapore-11c", "ap-singapore-11d"}},
	{ID: "ap-thailand-11", Name: "亚太-曼谷", EnglishName: "Bangkok", Zones: []string{"ap-thailand-11a", "ap-thailand-11b", "ap-thailand-11c"}},
}

// Regions returns the built-in catalogue of COC-VM regions (a copy).
func Regions() []Region {
	out := make([]Region, len(regions))
	for i, r := range regions {
		r.Zones = slices.Clone(r.Zones)
		out[i] = r
	}
	return out
}

// LookupRegion finds a catalogue region by id.
func LookupRegion(id string) (Region, bool) {
	for _, r := range regions {
		if r.ID == id {
			r.Zones = slices.Clone(r.Zones)
			return r, true
		}
	}
	return Region{}, false
}

// RegionOfZone derives the region id from a zone id by its shape: a zone
// is the region id followed by one lower-case letter ("cn-north-1a" ->
// "cn-north-1"), catalogued or not.
func RegionOfZone(az string) (string, bool) {
	n := len(az)
	if n < 3 {
		return "", false
	}
	last, prev := az[n-1], az[n-2]
	if last < 'a' || last > 'z' || prev < '0' || prev > '9' {
		return "", false
	}
	return az[:n-1], true
}
