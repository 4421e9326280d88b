package ui

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// spreadFlags are validFlags without their zone: the tests give --az.
func spreadFlags(extra ...string) []string {
	var out []string
	for i := 0; i < len(validFlags); i += 2 {
		if validFlags[i] != "--az" {
			out = append(out, validFlags[i], validFlags[i+1])
		}
	}
	return append(out, extra...)
}

// spreadResult is create's -o json with the zones.
type spreadResult struct {
	InstanceIDs []string `json:"instanceIds"`
	Instances   []struct {
		InstanceID string `json:"instanceId"`
		Az         string `json:"az"`
		Status     string `json:"status"`
	} `json:"instances"`
	Zones []struct {
		Az      string `json:"az"`
		Asked   int    `json:"asked"`
		Created int    `json:"created"`
		Missing int    `json:"missing"`
		Error   *struct {
			Status string `json:"status"`
		} `json:"error"`
	} `json:"zones"`
	Missing int `json:"missing"`
	Error   *struct {
		Status string `json:"status"`
	} `json:"error"`
}

func decodeSpread(t *testing.T, out, errOut string) spreadResult {
	t.Helper()
	var r spreadResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("stdout is not one JSON object (%v):\n%s\nstderr:\n%s", err, out, errOut)
	}
	return r
}

// posts are the createInstances calls --debug showed.
var posts = regexp.MustCompile(`(?m)^http: POST \S+/instances -> 200`)

// --az all over the three zones of cn-hongkong-11: 7 instances are 3, 2
// and 2, three requests, one per zone, each with a subnet of its zone;
// every instance is reported with its zone.
func TestCreateSpreadsOverEveryZone(t *testing.T) {
	t.Setenv("COCVM_SANDBOX_BOOT_FAIL_RATE", "0")
	args := append([]string{"--sandbox", "--debug", "create", "--yes", "-o", "json", "--password-stdin", "--count", "7", "--az", "all"}, spreadFlags()...)
	out, errOut, code := runCLI(t, testPassword+"\n", args...)
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	r := decodeSpread(t, out, errOut)
	if n := len(posts.FindAllString(errOut, -1)); n != 3 {
		t.Errorf("%d createInstances calls, want 3 (one per zone):\n%s", n, errOut)
	}
	for _, want := range []string{
		"7 instances over 3 zones: 3 in cn-hongkong-11a, 2 in cn-hongkong-11b, 2 in cn-hongkong-11c",
		"submitted 3 × g.n2.large in cn-hongkong-11a", "submitted 2 × g.n2.large in cn-hongkong-11b", "submitted 2 × g.n2.large in cn-hongkong-11c",
		"cn-hongkong-11b uses subnet subnet-", "cn-hongkong-11c uses subnet subnet-",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	want := map[string]int{"cn-hongkong-11a": 3, "cn-hongkong-11b": 2, "cn-hongkong-11c": 2}
	if len(r.Zones) != 3 {
		t.Fatalf("zones %+v", r.Zones)
	}
	for _, z := range r.Zones {
		if z.Asked != want[z.Az] || z.Created != want[z.Az] || z.Missing != 0 || z.Error != nil {
			t.Errorf("zone %+v, want %d asked and created", z, want[z.Az])
		}
	}
	got := map[string]int{}
	for _, in := range r.Instances {
		got[in.Az]++
	}
	if len(r.InstanceIDs) != 7 || len(r.Instances) != 7 || got["cn-hongkong-11a"] != 3 || got["cn-hongkong-11b"] != 2 || got["cn-hongkong-11c"] != 2 {
		t.Errorf("%d ids, instances by zone %v", len(r.InstanceIDs), got)
	}
	if r.Missing != 0 || r.Error != nil {
		t.Errorf("nothing was refused, yet missing %d, error %+v", r.Missing, r.Error)
	}
}

// c.n2.large is sold out in cn-hongkong-11c: --az all leaves that zone out
// and spreads the count over the others.
func TestCreateLeavesOutSoldOutZones(t *testing.T) {
	t.Setenv("COCVM_SANDBOX_BOOT_FAIL_RATE", "0")
	flags := spreadFlags()
	for i := range flags {
		if flags[i] == "g.n2.large" {
			flags[i] = "c.n2.large"
		}
	}
	args := append([]string{"--sandbox", "create", "--yes", "-o", "json", "--password-stdin", "--count", "7", "--az", "all"}, flags...)
	out, errOut, code := runCLI(t, testPassword+"\n", args...)
	if code != ExitOK && code != ExitFailed {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	r := decodeSpread(t, out, errOut)
	for _, want := range []string{"7 instances over 2 zones: 4 in cn-hongkong-11a, 3 in cn-hongkong-11b",
		"cn-hongkong-11c left out: c.n2.large is sold out in cn-hongkong-11c"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if len(r.Zones) != 2 || len(r.InstanceIDs) != 7 {
		t.Errorf("zones %+v, %d ids", r.Zones, len(r.InstanceIDs))
	}
}

// The built-in sandbox's quota is 50 instances: 60 over two zones is 30
// each, the first accepted and the second refused for quota. The refusal
// does not stop the run: the 30 created are watched, and the result says
// what was created where, what was not and why, with the command that
// creates the rest; exit 1.
func TestPartialRunOverZonesTellsTheTruth(t *testing.T) {
	t.Setenv("COCVM_SANDBOX_BOOT_FAIL_RATE", "0")
	base := append([]string{"--sandbox", "create", "--yes", "--password-stdin", "--count", "60", "--az", "cn-hongkong-11a,cn-hongkong-11b"}, spreadFlags()...)
	out, errOut, code := runCLI(t, testPassword+"\n", append(base, "-o", "json")...)
	if code != ExitFailed {
		t.Fatalf("exit %d, want 1:\n%s", code, errOut)
	}
	r := decodeSpread(t, out, errOut)
	if r.Missing != 30 || r.Error == nil || r.Error.Status != "QUOTA_EXCEEDED" || len(r.InstanceIDs) != 30 || len(r.Instances) != 30 {
		t.Errorf("missing %d, error %+v, %d ids, %d instances", r.Missing, r.Error, len(r.InstanceIDs), len(r.Instances))
	}
	if len(r.Zones) != 2 || r.Zones[0].Created != 30 || r.Zones[1].Created != 0 || r.Zones[1].Missing != 30 ||
		r.Zones[1].Error == nil || r.Zones[1].Error.Status != "QUOTA_EXCEEDED" {
		t.Errorf("zones %+v", r.Zones)
	}
	for _, in := range r.Instances {
		if in.Az != "cn-hongkong-11a" || in.Status == "pending" || in.Status == "" {
			t.Errorf("instance %+v: in the wrong zone or never settled", in)
		}
	}
	for _, want := range []string{
		"cn-hongkong-11b: 30 instances were not created: The instance quota of this region is used up.",
		"30 of 50 instances are in use, 20 left; this request asks for 30.",
		"created 30 of 60: 30 of 30 in cn-hongkong-11a, 0 of 30 in cn-hongkong-11b",
		"30 instances were not created. To create 30 more in cn-hongkong-11a, b:",
		"--az cn-hongkong-11a,cn-hongkong-11b --type g.n2.large",
		"--count 30 --password-stdin",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}

	// The same run as text: a row per instance created, with its zone.
	out, errOut, code = runCLI(t, testPassword+"\n", base...)
	if code != ExitFailed {
		t.Fatalf("text: exit %d:\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 31 || !strings.Contains(lines[0], "ZONE") || !strings.Contains(lines[1], "cn-hongkong-11a") {
		t.Errorf("text result (%d lines):\n%s", len(lines), out)
	}
}

// preview shows the split on stderr and every request on stdout: with the
// sandbox, each zone's subnet looked up; without any API, every zone with
// the subnet given, and says so.
func TestPreviewShowsTheSplit(t *testing.T) {
	args := append([]string{"preview", "--count", "5", "--az", "cn-hongkong-11a,cn-hongkong-11b"}, spreadFlags()...)
	out, errOut, code := runCLI(t, "", append([]string{"--sandbox"}, args...)...)
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "5 instances over 2 zones: 3 in cn-hongkong-11a, 2 in cn-hongkong-11b") ||
		!strings.Contains(errOut, "cn-hongkong-11b uses subnet") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if n := strings.Count(out, `"instanceSpec"`); n != 2 || !strings.Contains(out, `"az": "cn-hongkong-11b"`) || !strings.Contains(out, `"maxCount": 2`) {
		t.Errorf("%d bodies:\n%s", n, out)
	}
	subnets := regexp.MustCompile(`"subnetId": "([^"]+)"`).FindAllStringSubmatch(out, -1)
	if len(subnets) != 2 || subnets[0][1] == subnets[1][1] {
		t.Errorf("each zone should have its own subnet: %v", subnets)
	}

	out, errOut, code = runCLI(t, "", args...)
	if code != ExitOK {
		t.Fatalf("offline: exit %d:\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "3 in cn-hongkong-11a, 2 in cn-hongkong-11b") || !strings.Contains(errOut, "not looked up") ||
		strings.Count(out, `"instanceSpec"`) != 2 {
		t.Errorf("offline preview:\n%s\n%s", errOut, out)
	}
	// --az all without an API: the zones the regions page lists.
	out, errOut, _ = runCLI(t, "", append([]string{"preview", "--count", "7", "--az", "all"}, spreadFlags()...)...)
	if !strings.Contains(errOut, "3 in cn-hongkong-11a, 2 in cn-hongkong-11b, 2 in cn-hongkong-11c") || strings.Count(out, `"instanceSpec"`) != 3 {
		t.Errorf("--az all offline:\n%s\n%s", errOut, out)
	}
}

func TestAzFlag(t *testing.T) {
	for _, tc := range []struct {
		v     string
		zones []string
		all   bool
		bad   bool
	}{
		{v: "cn-hongkong-11a", zones: []string{"cn-hongkong-11a"}},
		{v: "cn-hongkong-11a, cn-hongkong-11b,", zones: []string{"cn-hongkong-11a", "cn-hongkong-11b"}},
		{v: "all", all: true},
		{v: "ALL", all: true},
		{v: "all,cn-hongkong-11a", bad: true},
	} {
		zones, all, err := parseZones(tc.v)
		if (err != nil) != tc.bad || all != tc.all || !slices.Equal(zones, tc.zones) {
			t.Errorf("parseZones(%q) = %v %v %v", tc.v, zones, all, err)
		}
	}
}
