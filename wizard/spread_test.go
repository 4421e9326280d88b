package wizard

import (
	"reflect"
	"testing"
)

func TestSpread(t *testing.T) {
	for _, tc := range []struct {
		count int
		zones []string
		want  []ZonePart
	}{
		{7, []string{"a", "b", "c"}, []ZonePart{{Zone: "a", Count: 3}, {Zone: "b", Count: 2}, {Zone: "c", Count: 2}}},
		{6, []string{"a", "b", "c"}, []ZonePart{{Zone: "a", Count: 2}, {Zone: "b", Count: 2}, {Zone: "c", Count: 2}}},
		{2, []string{"a", "b", "c"}, []ZonePart{{Zone: "a", Count: 1}, {Zone: "b", Count: 1}}},
		{5, []string{"a"}, []ZonePart{{Zone: "a", Count: 5}}},
		{0, []string{"a"}, nil},
		{3, nil, nil},
	} {
		if got := Spread(tc.count, tc.zones); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Spread(%d, %v) = %+v, want %+v", tc.count, tc.zones, got, tc.want)
		}
	}
}

func TestBuildSpread(t *testing.T) {
	d := Draft{Region: "cn-hongkong-11", Count: 250, ClientToken: "tok"}
	d.Spec.Az = "cn-hongkong-11a"
	d.Spec.PrimaryNetworkInterface.SubnetID = "subnet-a"
	parts := Spread(250, []string{"cn-hongkong-11a", "cn-hongkong-11b"})
	parts[1].SubnetID = "subnet-b"
	reqs := BuildSpread(d, parts)
	type row struct {
		zone, subnet, token string
		count               int
	}
	var got []row
	total := 0
	for _, r := range reqs {
		got = append(got, row{r.InstanceSpec.Az, r.InstanceSpec.PrimaryNetworkInterface.SubnetID, r.ClientToken, r.MaxCount})
		total += r.MaxCount
	}
	want := []row{
		{"cn-hongkong-11a", "subnet-a", "tok-1", 100},
		{"cn-hongkong-11a", "subnet-a", "tok-2", 25},
		{"cn-hongkong-11b", "subnet-b", "tok-3", 100},
		{"cn-hongkong-11b", "subnet-b", "tok-4", 25},
	}
	if !reflect.DeepEqual(got, want) || total != 250 {
		t.Errorf("BuildSpread = %+v, want %+v", got, want)
	}
	if d.Spec.Az != "cn-hongkong-11a" || d.Spec.PrimaryNetworkInterface.SubnetID != "subnet-a" {
		t.Error("BuildSpread changed the draft")
	}
	// The same draft and parts give the same tokens (a resumed fleet is the same fleet).
	if again := BuildSpread(d, parts); !reflect.DeepEqual(again, reqs) {
		t.Error("BuildSpread is not deterministic")
	}
	// One zone is Build.
	one := BuildSpread(d, Spread(250, []string{"cn-hongkong-11a"}))
	if !reflect.DeepEqual(one, Build(d)) {
		t.Errorf("one zone differs from Build:\n%+v\n%+v", one, Build(d))
	}
}
