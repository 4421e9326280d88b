package wizard

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cocvm/cocvm/apiclient"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./wizard -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update if the change is intended):\n%s", name, got)
	}
}

func splitDraft() Draft {
	d := minimalDraft()
	d.Count = 250
	d.ClientToken = "cocvm-5f2c0d4e-8a1b-4c3d-9e7f-0a1b2c3d4e5f"
	return d
}

func TestGoldenBodies(t *testing.T) {
	for _, tc := range []struct {
		name  string
		draft Draft
	}{
		{"minimal", minimalDraft()},
		{"full", fullDraft()},
		{"split", splitDraft()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reqs := Build(tc.draft)
			for i, req := range reqs {
				name := tc.name + ".json"
				if len(reqs) > 1 {
					name = tc.name + "-" + strconv.Itoa(i+1) + ".json"
				}
				body := Marshal(Redact(req))
				golden(t, name, body) // wizard/body checks that validate accepts them
			}
		})
	}
}

func TestBuildSplit(t *testing.T) {
	for _, tc := range []struct {
		count  int
		counts []int
	}{
		{0, []int{0}}, {1, []int{1}}, {100, []int{100}}, {101, []int{100, 1}},
		{200, []int{100, 100}}, {250, []int{100, 100, 50}}, {1000, []int{100, 100, 100, 100, 100, 100, 100, 100, 100, 100}},
	} {
		d := minimalDraft()
		d.Count = tc.count
		d.ClientToken = "tok"
		reqs := Build(d)
		var counts []int
		tokens := map[string]bool{}
		for _, r := range reqs {
			counts = append(counts, r.MaxCount)
			tokens[r.ClientToken] = true
			if !reflect.DeepEqual(r.InstanceSpec, d.Spec) {
				t.Errorf("count %d: a request's spec differs from the draft's", tc.count)
			}
		}
		if !reflect.DeepEqual(counts, tc.counts) {
			t.Errorf("Build with count %d: maxCounts %v, want %v", tc.count, counts, tc.counts)
		}
		if len(tokens) != len(reqs) {
			t.Errorf("Build with count %d: tokens are not distinct", tc.count)
		}
		if len(reqs) == 1 && reqs[0].ClientToken != "tok" {
			t.Errorf("a single request must keep the token as given, got %q", reqs[0].ClientToken)
		}
	}
}

func TestBuildAddsNothing(t *testing.T) {
	body := string(Marshal(Build(minimalDraft())[0]))
	for _, field := range []string{"maxCount", "clientToken", "password", "keyName", "passwordAuth", "elasticIpSpec",
		"dataDisks", "charge", "diskSizeGB", "ip", "groupName"} {
		if strings.Contains(body, `"`+field+`"`) {
			t.Errorf("the minimal body has %q, which the draft does not set:\n%s", field, body)
		}
	}
	// A draft without security groups still gets a list, not null.
	d := minimalDraft()
	d.Spec.PrimaryNetworkInterface.SecurityGroups = nil
	if !strings.Contains(string(Marshal(Build(d)[0])), `"securityGroups": []`) {
		t.Error("securityGroups should be written as []")
	}
}

func TestBuildDoesNotShareMemory(t *testing.T) {
	d := fullDraft()
	req := Build(d)[0]
	req.InstanceSpec.DataDisks[0].DiskSizeGB = 999
	req.InstanceSpec.PrimaryNetworkInterface.SecurityGroups[0].GroupID = "changed"
	req.InstanceSpec.ElasticIPSpec.SizeMbps = 99
	req.InstanceSpec.Charge.ChargeDuration = 7
	if !reflect.DeepEqual(d, fullDraft()) {
		t.Error("changing a built request changed the draft")
	}
}

func TestMarshalOrderAndIndent(t *testing.T) {
	body := Marshal(Build(fullDraft())[0])
	if !bytes.HasSuffix(body, []byte("}\n")) || !bytes.HasPrefix(body, []byte("{\n  \"instanceSpec\": {\n    \"az\"")) {
		t.Errorf("unexpected layout:\n%s", body)
	}
	// The seed's table order, as a sequence of keys.
	var keys []string
	for _, m := range regexp.MustCompile(`"(\w+)":`).FindAllStringSubmatch(string(body), -1) {
		keys = append(keys, m[1])
	}
	want := "instanceSpec az instanceType imageId name keyName passwordAuth elasticIpSpec sizeMbps provider chargeMode chargePlan " +
		"chargeUnit chargeDuration primaryNetworkInterface vpcId subnetId ip securityGroups groupId groupName groupId groupName " +
		"systemDisk diskType diskSizeGB dataDisks diskType diskSizeGB diskType diskSizeGB charge chargeMode chargeUnit " +
		"chargeDuration autoRenew maxCount clientToken"
	if got := strings.Join(keys, " "); got != want {
		t.Errorf("key order:\n  got  %s\n  want %s", got, want)
	}
	// Characters HTML would escape are kept.
	d := minimalDraft()
	d.Spec.Password = "a<b>&c"
	if !bytes.Contains(Marshal(Build(d)[0]), []byte(`"a<b>&c"`)) {
		t.Error("Marshal escaped <, > or &")
	}
}

func TestRedact(t *testing.T) {
	d := minimalDraft()
	d.Spec.Password = validPassword
	req := Build(d)[0]
	red := Redact(req)
	if red.InstanceSpec.Password != "********" || req.InstanceSpec.Password != validPassword {
		t.Errorf("Redact: got %q, original now %q", red.InstanceSpec.Password, req.InstanceSpec.Password)
	}
	if bytes.Contains(Marshal(red), []byte(validPassword)) {
		t.Error("the redacted body holds the password")
	}
	if Redact(Build(minimalDraft())[0]).InstanceSpec.Password != "" {
		t.Error("Redact added a password field to a body without one")
	}
}

func TestRequestToDraftRoundTrip(t *testing.T) {
	for _, d := range []Draft{minimalDraft(), fullDraft(), splitDraft()} {
		back := RequestToDraft(d.Region, DraftToRequest(d))
		if !reflect.DeepEqual(back, d) {
			t.Errorf("RequestToDraft(DraftToRequest(d)) = %+v, want %+v", back, d)
		}
	}
}

func TestSplitTokens(t *testing.T) {
	if got := SplitTokens("abc", 3); !reflect.DeepEqual(got, []string{"abc-1", "abc-2", "abc-3"}) {
		t.Errorf("SplitTokens(abc, 3) = %q", got)
	}
	if got := SplitTokens("abc", 1); !reflect.DeepEqual(got, []string{"abc"}) {
		t.Errorf("SplitTokens(abc, 1) = %q", got)
	}
	if got := SplitTokens("", 2); !reflect.DeepEqual(got, []string{"", ""}) {
		t.Errorf("SplitTokens(\"\", 2) = %q", got)
	}
	if got := SplitTokens("abc", 0); got != nil {
		t.Errorf("SplitTokens(abc, 0) = %q", got)
	}
	for _, base := range []string{
		apiclient.NewClientToken(),
		strings.Repeat("x", 64),
		strings.Repeat("x", 63) + "y",
		strings.Repeat("令牌", 30),
	} {
		a := SplitTokens(base, 120)
		b := SplitTokens(base, 120)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("SplitTokens(%q) is not deterministic", base)
		}
		seen := map[string]bool{}
		for _, tok := range a {
			if len(tok) > MaxClientTokenLen || !utf8.ValidString(tok) || seen[tok] {
				t.Errorf("SplitTokens(%q): bad token %q", base, tok)
			}
			seen[tok] = true
		}
	}
	// Two long bases that share their first 64 bytes still differ.
	x := SplitTokens(strings.Repeat("x", 64)+"a", 2)
	y := SplitTokens(strings.Repeat("x", 64)+"b", 2)
	if x[0] == y[0] {
		t.Errorf("long bases collide: %q", x[0])
	}
}

// The one clientToken generator is apiclient's: "cocvm-" and a UUID v4,
// short enough to leave room for SplitTokens' suffixes.
func TestNewClientToken(t *testing.T) {
	re := regexp.MustCompile(`^cocvm-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a, b := apiclient.NewClientToken(), apiclient.NewClientToken()
	if !re.MatchString(a) || a == b || len(a) > MaxClientTokenLen {
		t.Errorf("NewClientToken() = %q, %q", a, b)
	}
}
