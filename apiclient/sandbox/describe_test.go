package sandbox

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

// TestCatalogueThroughClient reads every catalogue call with the real
// client and checks the facts the wizard's defaults and rules rely on.
func TestCatalogueThroughClient(t *testing.T) {
	e := newEnv(t, Options{})
	ctx := context.Background()
	c := e.client

	types, err := c.DescribeInstanceTypes(ctx, testRegion, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(types) < 18 {
		t.Fatalf("%d instance types", len(types))
	}
	byName := map[string]apiclient.InstanceType{}
	families := map[string]bool{}
	for _, it := range types {
		byName[it.InstanceType] = it
		families[it.Family] = true
		if it.MemoryMB%1024 != 0 || len(it.State) != 3 {
			t.Fatalf("odd type %+v", it)
		}
	}
	if len(families) != 4 {
		t.Fatalf("families %v", families)
	}
	if gl := byName["g.n2.large"]; gl.CPU != 2 || gl.MemoryMB != 8192 || gl.MaxDisks == 0 || gl.MaxDisks >= 8 {
		t.Fatalf("g.n2.large %+v", gl)
	}
	if gpu := byName["p.n1p4c.2xlarge"]; gpu.GPU == nil || gpu.GPU.Model != "P4" || gpu.GPU.Number != 1 || gpu.CPU != 8 || gpu.MemoryMB != 26*1024 {
		t.Fatalf("GPU type %+v", gpu)
	}
	stock := map[string]bool{}
	for _, st := range byName["c.n2.large"].State {
		stock[st.Az] = st.InStock
	}
	if !stock[testRegion+"a"] || stock[testRegion+"c"] {
		t.Fatalf("c.n2.large stock %v", stock)
	}
	zoneC, err := c.DescribeInstanceTypes(ctx, testRegion, testRegion+"c")
	if err != nil || len(zoneC) != len(types) || len(zoneC[0].State) != 1 || zoneC[0].State[0].Az != testRegion+"c" {
		t.Fatalf("az filter: %v %+v", err, zoneC[:1])
	}

	public, err := c.DescribeImages(ctx, testRegion, "public", "")
	if err != nil {
		t.Fatal(err)
	}
	private, err := c.DescribeImages(ctx, testRegion, "private", "")
	if err != nil || len(private) == 0 {
		t.Fatalf("private images %v %v", private, err)
	}
	platforms := map[string]bool{}
	notReady := 0
	var newestReadyLinux apiclient.Image
	var ids []string
	for _, im := range public {
		platforms[im.Platform] = true
		ids = append(ids, im.ImageID)
		if im.Status != "ready" {
			notReady++
			continue
		}
		if im.OsType == "linux" && im.CreateTime > newestReadyLinux.CreateTime {
			newestReadyLinux = im
		}
		if im.OsType == "windows" && im.SystemDiskSizeGB < 50 {
			t.Fatalf("windows image with %d GiB", im.SystemDiskSizeGB)
		}
	}
	if len(platforms) != 4 || notReady != 1 || newestReadyLinux.Name != "Ubuntu 22.04 64位" {
		t.Fatalf("platforms %v, %d not ready, newest ready linux %q", platforms, notReady, newestReadyLinux.Name)
	}
	ubuntu, err := c.DescribeImages(ctx, testRegion, "public", "Ubuntu")
	if err != nil || len(ubuntu) != 4 {
		t.Fatalf("platform filter: %d %v", len(ubuntu), err)
	}

	cons, err := c.DescribeImageConstraints(ctx, testRegion, ids)
	if err != nil || len(cons) != len(ids) {
		t.Fatalf("constraints %d for %d images: %v", len(cons), len(ids), err)
	}
	gpuReady := 0
	for _, cn := range cons {
		if cn.Constraint.ConstraintsType == "excludes" && slices.Contains(cn.Constraint.InstanceTypes, "g.n2.large") && !slices.Contains(cn.Constraint.InstanceTypes, "p.n1p4c.2xlarge") {
			gpuReady++
		}
	}
	if gpuReady != 1 {
		t.Fatalf("%d GPU-ready images", gpuReady)
	}

	keys, err := c.DescribeKeypairs(ctx, testRegion)
	if err != nil || len(keys) != 2 || !strings.Contains(keys[0].KeyFingerprint, ":") {
		t.Fatalf("keypairs %+v %v", keys, err)
	}
	disks, err := c.DescribeDiskTypes(ctx, testRegion)
	if err != nil || len(disks) != 3 {
		t.Fatalf("disk types %+v %v", disks, err)
	}
	soldOut := 0
	for _, d := range disks {
		for _, st := range d.State {
			if !st.InStock {
				soldOut++
			}
		}
	}
	if soldOut != 1 {
		t.Fatalf("%d disk type/zone pairs sold out, want 1", soldOut)
	}

	vpcs, err := c.DescribeVpcs(ctx, testRegion)
	if err != nil || len(vpcs) != 2 {
		t.Fatalf("vpcs %+v %v", vpcs, err)
	}
	for _, v := range vpcs {
		subnets, err := c.DescribeSubnets(ctx, testRegion, v.VpcID)
		// One per zone, and prod-vpc's prod-any, which has none.
		want := 3
		if v.VpcName == "prod-vpc" {
			want = 4
		}
		if err != nil || len(subnets) != want {
			t.Fatalf("subnets of %s: %+v %v", v.VpcID, subnets, err)
		}
		for _, sn := range subnets {
			if sn.VpcID != v.VpcID || sn.AvailableIPCount < 200 || sn.AddressPrefix == "" {
				t.Fatalf("subnet %+v", sn)
			}
		}
		groups, err := c.DescribeSecurityGroups(ctx, testRegion, v.VpcID)
		if err != nil || len(groups) != 3 {
			t.Fatalf("groups of %s: %+v %v", v.VpcID, groups, err)
		}
	}
	q, err := c.DescribeQuota(ctx, testRegion)
	if err != nil || q.Limit != 50 || q.Used != 0 {
		t.Fatalf("quota %+v %v", q, err)
	}
	for _, r := range []string{"ap-singapore-11", "ap-thailand-11", "cn-north-1"} {
		if _, err := c.DescribeInstanceTypes(ctx, r, ""); err != nil {
			t.Fatalf("region %s: %v", r, err)
		}
	}
}

// TestCatalogueIsDeterministic: two sandboxes have the same ids.
func TestCatalogueIsDeterministic(t *testing.T) {
	a, b := buildCatalogue(), buildCatalogue()
	for _, r := range a.order {
		ra, rb := a.regions[r], b.regions[r]
		for i := range ra.images {
			if !reflect.DeepEqual(ra.images[i].info, rb.images[i].info) {
				t.Fatalf("image differs: %+v %+v", ra.images[i].info, rb.images[i].info)
			}
		}
		if !reflect.DeepEqual(ra.vpcs, rb.vpcs) || !reflect.DeepEqual(ra.groups, rb.groups) || !reflect.DeepEqual(ra.keypairs, rb.keypairs) {
			t.Fatal("network catalogue differs")
		}
		for i := range ra.subnets {
			if ra.subnets[i].info != rb.subnets[i].info {
				t.Fatal("subnets differ")
			}
		}
	}
	// Ids never repeat, across regions too.
	seen := map[string]bool{}
	for _, r := range a.order {
		rc := a.regions[r]
		var ids []string
		for _, im := range rc.images {
			ids = append(ids, im.info.ImageID)
		}
		for _, v := range rc.vpcs {
			ids = append(ids, v.VpcID)
		}
		for _, sn := range rc.subnets {
			ids = append(ids, sn.info.SubnetID)
		}
		for _, g := range rc.groups {
			ids = append(ids, g.NetworkSecurityGroupID)
		}
		for _, id := range ids {
			if seen[id] {
				t.Fatalf("id %s repeats", id)
			}
			seen[id] = true
		}
	}
}

// TestPaging: pageSize 10..100, pageNumber from 1, totalCount.
func TestPaging(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.MaxCount = 25
	ids := e.mustCreate(req)
	base := "/v1/regions/" + testRegion + "/instanceStatus"
	for _, bad := range []string{"pageSize=9", "pageSize=101", "pageSize=0", "pageNumber=0"} {
		resp, env := e.rawCall(http.MethodGet, base+"?"+bad, nil, e.clock.Now(), nil)
		if resp.StatusCode != 400 || env.Error == nil || env.Error.Status != "OUT_OF_RANGE" {
			t.Fatalf("%s: %d %+v", bad, resp.StatusCode, env.Error)
		}
	}
	resp, env := e.rawCall(http.MethodGet, base+"?pageSize=abc", nil, e.clock.Now(), nil)
	if resp.StatusCode != 400 || env.Error.Status != "INVALID_ARGUMENT" {
		t.Fatalf("pageSize=abc: %+v", env.Error)
	}
	var got []string
	for page := 1; page <= 3; page++ {
		_, env := e.rawCall(http.MethodGet, base+"?pageSize=10&pageNumber="+string(rune('0'+page)), nil, e.clock.Now(), nil)
		var res statusResult
		if err := json.Unmarshal(env.Result, &res); err != nil || res.TotalCount != 25 {
			t.Fatalf("page %d: %s %v", page, env.Result, err)
		}
		for _, s := range res.InstanceStatuses {
			got = append(got, s.InstanceID)
		}
	}
	if !slices.Equal(got, ids) {
		t.Fatalf("pages %v, created %v", got, ids)
	}
	// The default page is 20.
	_, env = e.rawCall(http.MethodGet, base, nil, e.clock.Now(), nil)
	var res statusResult
	json.Unmarshal(env.Result, &res)
	if len(res.InstanceStatuses) != 20 {
		t.Fatalf("default page has %d", len(res.InstanceStatuses))
	}
}

// TestPaths: VPC paths with and without the trailing slash, the quota
// path's colon, an unknown API (404, which the client's disk-type fallback
// relies on) and an unknown region, each signed for its own service as the
// client signs it.
func TestPaths(t *testing.T) {
	e := newEnv(t, Options{})
	ok := []string{
		"/v1/regions/" + testRegion + "/vpcs", "/v1/regions/" + testRegion + "/vpcs/",
		"/v1/regions/" + testRegion + "/subnets", "/v1/regions/" + testRegion + "/subnets/",
		"/v1/regions/" + testRegion + "/networkSecurityGroups", "/v1/regions/" + testRegion + "/networkSecurityGroups/",
		"/v1/regions/" + testRegion + "/quota:describeUsage?serviceCode=cocvm&resourceType=vm",
		"/v1/regions/" + testRegion + "/quota%3AdescribeUsage?serviceCode=cocvm&resourceType=vm",
		"/v1/regions/" + testRegion + "/imageConstraints",
	}
	for _, p := range ok {
		resp, env := e.asClient(http.MethodGet, p)
		if resp.StatusCode != 200 || env.Error != nil || len(env.Result) == 0 {
			t.Errorf("%s: %d %+v", p, resp.StatusCode, env.Error)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: content type %q", p, ct)
		}
	}
	resp, env := e.rawCall(http.MethodGet, "/v1/regions/"+testRegion+"/volumes", nil, e.clock.Now(), nil)
	if resp.StatusCode != 404 || env.Error.Status != "NOT_FOUND" {
		t.Errorf("unknown API: %d %+v", resp.StatusCode, env.Error)
	}
	resp, env = e.rawCall(http.MethodDelete, "/v1/regions/"+testRegion+"/instances", nil, e.clock.Now(), nil)
	if resp.StatusCode != 404 {
		t.Errorf("unknown method: %d %+v", resp.StatusCode, env.Error)
	}
	resp, env = e.asClient(http.MethodGet, "/v1/regions/mars-1/vpcs/")
	if resp.StatusCode != 400 || env.Error.Message != "Invalid regionId 'mars-1'" {
		t.Errorf("unknown region: %d %+v", resp.StatusCode, env.Error)
	}
	resp, env = e.rawCall(http.MethodGet, "/v1/regions/"+testRegion+"/images", nil, e.clock.Now(), nil)
	if resp.StatusCode != 400 || env.Error.Status != "FAILED_PRECONDITION" || env.Error.Message != "Parameter ImageSource missing" {
		t.Errorf("images without a source: %d %+v", resp.StatusCode, env.Error)
	}
	resp, env = e.rawCall(http.MethodGet, "/v1/regions/"+testRegion+"/instances?filters.1.name=color&filters.1.values.1=red", nil, e.clock.Now(), nil)
	if resp.StatusCode != 400 || env.Error.Message != "Invalid filter name 'color'" {
		t.Errorf("unknown filter: %d %+v", resp.StatusCode, env.Error)
	}
}

// TestDescribeSingleInstance: GET /instances/{id}, as Terraform polls.
func TestDescribeSingleInstance(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	ids := e.mustCreate(e.validRequest())
	_, env := e.rawCall(http.MethodGet, "/v1/regions/"+testRegion+"/instances/"+ids[0], nil, e.clock.Now(), nil)
	var res struct{ Instance apiclient.Instance }
	if err := json.Unmarshal(env.Result, &res); err != nil || res.Instance.InstanceID != ids[0] || res.Instance.Status != "running" {
		t.Fatalf("%s %v", env.Result, err)
	}
	resp, env := e.rawCall(http.MethodGet, "/v1/regions/"+testRegion+"/instances/i-0000000000", nil, e.clock.Now(), nil)
	if resp.StatusCode != 404 || env.Error.Message != "Instance 'i-0000000000' not found." {
		t.Fatalf("%d %+v", resp.StatusCode, env.Error)
	}
}
