package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const region = "cn-hongkong-11"

func sampleCreate() CreateInstancesRequest {
	return CreateInstancesRequest{
		InstanceSpec: InstanceSpec{
			Az: "cn-hongkong-11a", InstanceType: "g.n2.large", ImageID: "img-m5s0abcd29", Name: "web",
			Password: "Zq7#Lp9!xW", PrimaryNetworkInterface: NetworkInterfaceSpec{
				VpcID: "vpc-1", SubnetID: "subnet-1", SecurityGroups: []SecurityGroupCreate{{GroupID: "sg-1"}},
			},
			SystemDisk: InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40},
		},
		MaxCount: 2,
	}
}

func TestCreateInstances(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeResult(w, "req-create", CreateInstancesResult{InstanceIDs: []string{"i-aaa", "i-bbb"}})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	resp, err := c.CreateInstances(context.Background(), region, sampleCreate())
	if err != nil {
		t.Fatal(err)
	}
	if resp.RequestID != "req-create" || !slices.Equal(resp.InstanceIDs, []string{"i-aaa", "i-bbb"}) {
		t.Errorf("response %+v", resp)
	}
	if !strings.HasPrefix(resp.ClientToken, "cocvm-") || len(resp.ClientToken) != 42 {
		t.Errorf("generated token %q", resp.ClientToken)
	}
	reqs := api.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	got := reqs[0]
	if got.Method != "POST" || got.Path != "/v1/regions/cn-hongkong-11/instances" || got.RawQuery != "" {
		t.Errorf("sent %s %s?%s", got.Method, got.Path, got.RawQuery)
	}
	if got.Verified.Service != "cocvm" || got.Verified.Region != region {
		t.Errorf("signed for %s/%s", got.Verified.Region, got.Verified.Service)
	}
	want := sampleCreate()
	want.ClientToken = resp.ClientToken
	wantBody, _ := json.Marshal(want)
	if !bytes.Equal(got.Body, wantBody) {
		t.Errorf("body\n%s\nwant\n%s", got.Body, wantBody)
	}
	if ct := got.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("content-type %q", ct)
	}
}

func TestCreateInstancesKeepsTheCallersToken(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeResult(w, "r", CreateInstancesResult{InstanceIDs: []string{"i-1"}})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	req := sampleCreate()
	req.ClientToken = "my-token-1"
	resp, err := c.CreateInstances(context.Background(), region, req)
	if err != nil || resp.ClientToken != "my-token-1" {
		t.Fatalf("%+v %v", resp, err)
	}
	var sent CreateInstancesRequest
	json.Unmarshal(api.requests()[0].Body, &sent)
	if sent.ClientToken != "my-token-1" {
		t.Errorf("sent token %q", sent.ClientToken)
	}
	req.ClientToken = strings.Repeat("x", 65)
	resp, err = c.CreateInstances(context.Background(), region, req)
	if err == nil || len(api.requests()) != 1 || resp.ClientToken != req.ClientToken {
		t.Errorf("65-character token: %v, %d requests", err, len(api.requests()))
	}
}

// statusServer answers describeInstanceStatus for the ids of the filter,
// in pages, each id "running".
func statusServer(t *testing.T) *fakeAPI {
	return newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		fs, err := ParseFilters(r.URL.Query())
		if err != nil {
			t.Error(err)
		}
		var ids []string
		if len(fs) == 1 && fs[0].Name == "instanceId" {
			ids = fs[0].Values
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("pageNumber"))
		size, _ := strconv.Atoi(r.URL.Query().Get("pageSize"))
		var rows []InstanceStatus
		for i := (page - 1) * size; i < min(page*size, len(ids)); i++ {
			rows = append(rows, InstanceStatus{InstanceID: ids[i], Status: StatusRunning})
		}
		writeResult(w, fmt.Sprint("req-", n), DescribeInstanceStatusResult{InstanceStatuses: rows, TotalCount: len(ids)})
	})
}

func instanceIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("i-%04d", i)
	}
	return ids
}

func TestDescribeInstanceStatusBatchesOf100(t *testing.T) {
	api := statusServer(t)
	c := newTestClient(t, Config{Endpoint: api.URL})
	ids := instanceIDs(250)
	got, err := c.DescribeInstanceStatus(context.Background(), region, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 250 || got[0].InstanceID != "i-0000" || got[249].InstanceID != "i-0249" {
		t.Fatalf("%d statuses", len(got))
	}
	reqs := api.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d calls, want 3", len(reqs))
	}
	for i, want := range []int{100, 100, 50} {
		r := reqs[i]
		if r.Method != "GET" || r.Path != "/v1/regions/cn-hongkong-11/instanceStatus" {
			t.Errorf("call %d: %s %s", i, r.Method, r.Path)
		}
		f, err := ParseFilters(r.Query)
		if err != nil {
			t.Errorf("call %d: %v", i, err)
		}
		if len(f) != 1 || f[0].Name != "instanceId" || len(f[0].Values) != want || f[0].Values[0] != ids[i*100] {
			t.Errorf("call %d filter %+v", i, f)
		}
		if !strings.HasPrefix(r.RawQuery, "filters.1.name=instanceId&filters.1.values.1="+ids[i*100]+"&filters.1.values.2=") {
			t.Errorf("call %d query %s", i, r.RawQuery[:80])
		}
		if !strings.HasSuffix(r.RawQuery, "&pageNumber=1&pageSize=100") {
			t.Errorf("call %d query ends %s", i, r.RawQuery[len(r.RawQuery)-40:])
		}
	}
}

func TestDescribeInstanceStatusFollowsPages(t *testing.T) {
	// A server whose pages hold 30 rows whatever pageSize says.
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		page, _ := strconv.Atoi(r.URL.Query().Get("pageNumber"))
		var rows []InstanceStatus
		for i := (page - 1) * 30; i < min(page*30, 70); i++ {
			rows = append(rows, InstanceStatus{InstanceID: fmt.Sprint("i-", i), Status: StatusPending})
		}
		writeResult(w, "r", DescribeInstanceStatusResult{InstanceStatuses: rows, TotalCount: 70})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	got, err := c.DescribeInstanceStatus(context.Background(), region, instanceIDs(70))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 70 {
		t.Errorf("%d rows", len(got))
	}
	var pages []string
	for _, r := range api.requests() {
		pages = append(pages, r.Query.Get("pageNumber"))
	}
	if !slices.Equal(pages, []string{"1", "2", "3"}) {
		t.Errorf("pages %v", pages)
	}
}

func TestDescribeStopsOnEmptyPage(t *testing.T) {
	// totalCount claims more than the server ever returns.
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		var rows []Keypair
		if r.URL.Query().Get("pageNumber") == "1" {
			rows = []Keypair{{KeyName: "k1"}}
		}
		writeResult(w, "r", DescribeKeypairsResult{Keypairs: rows, TotalCount: 5})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	got, err := c.DescribeKeypairs(context.Background(), region)
	if err != nil || len(got) != 1 || len(api.requests()) != 2 {
		t.Errorf("%v %v, %d calls", got, err, len(api.requests()))
	}
}

func TestDescribeInstanceStatusOneFailedBatchFailsAll(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 2 {
			writeError(w, 400, StatusInvalidArg, "bad filter")
			return
		}
		writeResult(w, "r", DescribeInstanceStatusResult{InstanceStatuses: []InstanceStatus{{InstanceID: "i-0000", Status: "running"}}, TotalCount: 1})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	got, err := c.DescribeInstanceStatus(context.Background(), region, instanceIDs(150))
	if err == nil || got != nil {
		t.Errorf("got %v, %v; want no rows and the error", got, err)
	}
}

func TestDescribeInstancesByIDs(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeResult(w, "r", json.RawMessage(`{"instances":[{"instanceId":"i-1","status":"running","privateIpAddress":"10.0.0.5","elasticIpAddress":"1.2.3.4","unknownField":{"x":1}}],"totalCount":1}`))
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	got, err := c.DescribeInstances(context.Background(), region, []string{"i-1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].PrivateIPAddress != "10.0.0.5" || got[0].ElasticIPAddress != "1.2.3.4" {
		t.Errorf("%+v", got)
	}
	r := api.requests()[0]
	if r.Path != "/v1/regions/cn-hongkong-11/instances" || r.RawQuery != "filters.1.name=instanceId&filters.1.values.1=i-1&pageNumber=1&pageSize=100" {
		t.Errorf("%s?%s", r.Path, r.RawQuery)
	}
}

func TestDescribeInstanceTypesZoneFilter(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeResult(w, "r", DescribeInstanceTypesResult{InstanceTypes: []InstanceType{{
			Family: "g.n2", InstanceType: "g.n2.large", CPU: 2, MemoryMB: 8192,
			State: []InstanceTypeState{{Az: "cn-hongkong-11a", InStock: true}},
		}}})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	got, err := c.DescribeInstanceTypes(context.Background(), region, "cn-hongkong-11a")
	if err != nil || len(got) != 1 || got[0].MemoryMB != 8192 || !got[0].State[0].InStock {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := c.DescribeInstanceTypes(context.Background(), region, ""); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if reqs[0].Path != "/v1/regions/cn-hongkong-11/instanceTypes" || reqs[0].RawQuery != "filters.1.name=az&filters.1.values.1=cn-hongkong-11a" {
		t.Errorf("%s?%s", reqs[0].Path, reqs[0].RawQuery)
	}
	if reqs[1].RawQuery != "" {
		t.Errorf("all zones sent %q", reqs[1].RawQuery)
	}
}

func TestDescribeImagesEncodesSpaceAsPercent20AndPages(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		page, _ := strconv.Atoi(r.URL.Query().Get("pageNumber"))
		var rows []Image
		for i := (page - 1) * 100; i < min(page*100, 130); i++ {
			rows = append(rows, Image{ImageID: fmt.Sprint("img-", i), Platform: "Windows Server", Status: "ready"})
		}
		writeResult(w, "r", DescribeImagesResult{Images: rows, TotalCount: 130})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	got, err := c.DescribeImages(context.Background(), region, "public", "Windows Server")
	if err != nil || len(got) != 130 {
		t.Fatalf("%d images, %v", len(got), err)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d calls", len(reqs))
	}
	for i, r := range reqs {
		want := fmt.Sprintf("imageSource=public&platform=Windows%%20Server&pageNumber=%d&pageSize=100", i+1)
		if r.Path != "/v1/regions/cn-hongkong-11/images" || r.RawQuery != want {
			t.Errorf("%s?%s, want %s", r.Path, r.RawQuery, want)
		}
	}
	if _, err := c.DescribeImages(context.Background(), region, "", ""); err != nil {
		t.Fatal(err)
	}
	if q := api.requests()[2].RawQuery; !strings.HasPrefix(q, "imageSource=public&pageNumber=1") {
		t.Errorf("default source: %s", q)
	}
}

func TestDescribeImageConstraints(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		ids := ListFromQuery(r.URL.Query(), "ids")
		var rows []ImageConstraint
		for _, id := range ids {
			rows = append(rows, ImageConstraint{ImageID: id, Constraint: ImageInstanceTypeConstraint{ConstraintsType: "excludes", InstanceTypes: []string{"p.n1p4c.2xlarge"}}})
		}
		writeResult(w, "r", DescribeImageConstraintsResult{ImageConstraints: rows})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	got, err := c.DescribeImageConstraints(context.Background(), region, []string{"img-a", "img-b"})
	if err != nil || len(got) != 2 || got[1].ImageID != "img-b" || got[0].Constraint.ConstraintsType != "excludes" {
		t.Fatalf("%+v %v", got, err)
	}
	if r := api.requests()[0]; r.Path != "/v1/regions/cn-hongkong-11/imageConstraints" || r.RawQuery != "ids.1=img-a&ids.2=img-b" {
		t.Errorf("%s?%s", r.Path, r.RawQuery)
	}
	if got, err := c.DescribeImageConstraints(context.Background(), region, nil); err != nil || got != nil || len(api.requests()) != 1 {
		t.Errorf("no ids: %v %v, %d calls", got, err, len(api.requests()))
	}
}

func TestDescribeKeypairs(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeResult(w, "r", DescribeKeypairsResult{Keypairs: []Keypair{{KeyName: "ops", KeyFingerprint: "aa:bb"}}, TotalCount: 1})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	got, err := c.DescribeKeypairs(context.Background(), region)
	if err != nil || len(got) != 1 || got[0].KeyName != "ops" {
		t.Fatalf("%+v %v", got, err)
	}
	if r := api.requests()[0]; r.Path != "/v1/regions/cn-hongkong-11/keypairs" || r.RawQuery != "pageNumber=1&pageSize=100" {
		t.Errorf("%s?%s", r.Path, r.RawQuery)
	}
}

// Each service goes to its own host and signs its own service name.
func TestPerServiceHostsAndServiceNames(t *testing.T) {
	answer := func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case strings.HasSuffix(r.URL.Path, "quota:describeUsage"):
			writeResult(w, "r", DescribeQuotaResult{QuotaUsages: []QuotaUsage{
				{ServiceCode: "cocvm", ResourceType: "disk", Limit: 50, Used: 1},
				{ServiceCode: "cocvm", ResourceType: "vm", Limit: 20, Used: 18},
			}})
		case strings.HasSuffix(r.URL.Path, "/vpcs/"):
			writeResult(w, "r", DescribeVpcsResult{Vpcs: []Vpc{{VpcID: "vpc-1", VpcName: "main", AddressPrefix: "10.0.0.0/16"}}, TotalCount: 1})
		case strings.HasSuffix(r.URL.Path, "/subnets/"):
			writeResult(w, "r", DescribeSubnetsResult{Subnets: []Subnet{{SubnetID: "subnet-1", VpcID: "vpc-1", AvailableIPCount: 250}}, TotalCount: 1})
		case strings.HasSuffix(r.URL.Path, "/networkSecurityGroups/"):
			writeResult(w, "r", DescribeSecurityGroupsResult{NetworkSecurityGroups: []SecurityGroup{{NetworkSecurityGroupID: "sg-1", VpcID: "vpc-1"}}, TotalCount: 1})
		default:
			writeResult(w, "r", DescribeKeypairsResult{})
		}
	}
	vm, quota, vpc := newFakeAPI(t, answer), newFakeAPI(t, answer), newFakeAPI(t, answer)
	c := newTestClient(t, Config{
		Endpoint: "https://never.example.com", // per-service hosts win
		Hosts:    ServiceHosts{VM: vm.URL, Quota: quota.URL, VPC: vpc.URL},
		Services: ServiceNames{VPC: "vpc"},
	})
	ctx := context.Background()
	q, err := c.DescribeQuota(ctx, region)
	if err != nil || q.Limit != 20 || q.Used != 18 || q.Left() != 2 {
		t.Fatalf("quota %+v %v", q, err)
	}
	vpcs, err := c.DescribeVpcs(ctx, region)
	if err != nil || len(vpcs) != 1 || vpcs[0].AddressPrefix != "10.0.0.0/16" {
		t.Fatalf("vpcs %+v %v", vpcs, err)
	}
	subnets, err := c.DescribeSubnets(ctx, region, "vpc-1")
	if err != nil || len(subnets) != 1 || subnets[0].AvailableIPCount != 250 {
		t.Fatalf("subnets %+v %v", subnets, err)
	}
	sgs, err := c.DescribeSecurityGroups(ctx, region, "vpc-1")
	if err != nil || len(sgs) != 1 || sgs[0].NetworkSecurityGroupID != "sg-1" {
		t.Fatalf("security groups %+v %v", sgs, err)
	}
	if _, err := c.DescribeKeypairs(ctx, region); err != nil {
		t.Fatal(err)
	}

	qr := quota.requests()
	if len(qr) != 1 || qr[0].Path != "/v1/regions/cn-hongkong-11/quota:describeUsage" ||
		qr[0].RawQuery != "serviceCode=cocvm&resourceType=vm" || qr[0].Verified.Service != "cocquota" {
		t.Errorf("quota call %+v", qr)
	}
	if got := CanonicalPath(qr[0].Path); got != "/v1/regions/cn-hongkong-11/quota%3AdescribeUsage" {
		t.Errorf("quota path signed as %s", got)
	}
	vr := vpc.requests()
	if len(vr) != 3 {
		t.Fatalf("%d VPC calls", len(vr))
	}
	for i, want := range []string{
		"/v1/regions/cn-hongkong-11/vpcs/?pageNumber=1&pageSize=100",
		"/v1/regions/cn-hongkong-11/subnets/?filters.1.name=vpcId&filters.1.values.1=vpc-1&pageNumber=1&pageSize=100",
		"/v1/regions/cn-hongkong-11/networkSecurityGroups/?filters.1.name=vpcId&filters.1.values.1=vpc-1&pageNumber=1&pageSize=100",
	} {
		if got := vr[i].Path + "?" + vr[i].RawQuery; got != want || vr[i].Verified.Service != "vpc" {
			t.Errorf("VPC call %d: %s signed %s, want %s", i, got, vr[i].Verified.Service, want)
		}
	}
	if r := vm.requests(); len(r) != 1 || r[0].Verified.Service != "cocvm" {
		t.Errorf("vm calls %+v", r)
	}
}

func TestOneEndpointServesEveryService(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeResult(w, "r", DescribeQuotaResult{QuotaUsages: []QuotaUsage{{Limit: 5}}})
	})
	c := newTestClient(t, Config{Endpoint: api.URL + "/"})
	if q, err := c.DescribeQuota(context.Background(), region); err != nil || q.Limit != 5 {
		t.Fatalf("%+v %v", q, err)
	}
	c.DescribeVpcs(context.Background(), region)
	var services []string
	for _, r := range api.requests() {
		services = append(services, r.Verified.Service)
	}
	if !slices.Equal(services, []string{"cocquota", "cocvpc"}) {
		t.Errorf("services %v", services)
	}
}

func TestDescribeQuotaWithoutOurRow(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeResult(w, "req-q", DescribeQuotaResult{QuotaUsages: []QuotaUsage{{ServiceCode: "x", ResourceType: "a"}, {ServiceCode: "y", ResourceType: "b"}}})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	if _, err := c.DescribeQuota(context.Background(), region); err == nil || !strings.Contains(err.Error(), "req-q") {
		t.Errorf("error %v", err)
	}
}

func TestDescribeDiskTypes(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeResult(w, "r", DescribeDiskTypesResult{DiskTypes: []DiskType{{DiskType: "ssd.gp1", State: []InstanceTypeState{{Az: "cn-hongkong-11a", InStock: false}}}}})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	got, err := c.DescribeDiskTypes(context.Background(), region)
	if err != nil || len(got) != 1 || got[0].State[0].InStock {
		t.Fatalf("%+v %v", got, err)
	}
	if r := api.requests()[0]; r.Path != "/v1/regions/cn-hongkong-11/diskTypes" {
		t.Errorf("path %s", r.Path)
	}
}

func TestDescribeDiskTypesFallsBackOn404(t *testing.T) {
	for name, answer := range map[string]func(http.ResponseWriter){
		"envelope":  func(w http.ResponseWriter) { writeError(w, 404, StatusNotFound, "api not found") },
		"html page": func(w http.ResponseWriter) { http.NotFound(w, nil) },
	} {
		t.Run(name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { answer(w) })
			c := newTestClient(t, Config{Endpoint: api.URL})
			got, err := c.DescribeDiskTypes(context.Background(), region)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, d := range got {
				names = append(names, d.DiskType)
				if d.State != nil {
					t.Errorf("%s claims stock", d.DiskType)
				}
			}
			if !slices.Equal(names, []string{"ssd.gp1", "ssd.io1", "hdd.std1"}) {
				t.Errorf("fallback %v", names)
			}
		})
	}
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { writeError(w, 403, "FORBIDDEN", "no") })
	c := newTestClient(t, Config{Endpoint: api.URL})
	if _, err := c.DescribeDiskTypes(context.Background(), region); err == nil {
		t.Error("403 fell back too")
	}
}

func TestUserAgentSentNotSigned(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { writeResult(w, "r", DescribeKeypairsResult{}) })
	c := newTestClient(t, Config{Endpoint: api.URL, UserAgent: "cocvm/1.2.3"})
	if _, err := c.DescribeKeypairs(context.Background(), region); err != nil {
		t.Fatal(err)
	}
	r := api.requests()[0]
	if r.UserAgent != "cocvm/1.2.3" {
		t.Errorf("User-Agent %q", r.UserAgent)
	}
	if slices.Contains(r.Verified.SignedHeaders, "user-agent") || !slices.Contains(r.Verified.SignedHeaders, "host") {
		t.Errorf("signed %v", r.Verified.SignedHeaders)
	}
	c2 := newTestClient(t, Config{Endpoint: api.URL})
	c2.DescribeKeypairs(context.Background(), region)
	if ua := api.requests()[1].UserAgent; ua != "cocvm" {
		t.Errorf("default User-Agent %q", ua)
	}
}

func TestEveryRequestHasAFreshUUIDNonce(t *testing.T) {
	api := statusServer(t)
	c := newTestClient(t, Config{Endpoint: api.URL})
	c.DescribeInstanceStatus(context.Background(), region, instanceIDs(301))
	seen := map[string]bool{}
	for _, r := range api.requests() {
		n := r.Verified.Nonce
		if len(n) != 36 || n[14] != '4' || seen[n] {
			t.Errorf("nonce %q (seen before: %t)", n, seen[n])
		}
		seen[n] = true
	}
	if len(seen) != 4 {
		t.Errorf("%d nonces", len(seen))
	}
}

func TestInvalidRegionIsRefusedBeforeSending(t *testing.T) {
	api := statusServer(t)
	c := newTestClient(t, Config{Endpoint: api.URL})
	for _, r := range []string{"", "cn-hongkong-11/../x", "CN North", "a?b"} {
		if _, err := c.DescribeKeypairs(context.Background(), r); err == nil {
			t.Errorf("region %q accepted", r)
		}
	}
	if n := len(api.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestNewRequiresCredentials(t *testing.T) {
	if _, err := New(Config{AccessKey: "ak"}); err == nil {
		t.Error("no secret key accepted")
	}
}

func TestEndpoints(t *testing.T) {
	cases := []struct {
		cfg     Config
		vm      string
		refused bool
	}{
		{Config{}, "https://coc-vm.jdcloud-api.com", false},
		{Config{Endpoint: "www.jdcloud-api.com"}, "https://www.jdcloud-api.com", false},
		{Config{Endpoint: "https://gw.example.com/jdcloud/"}, "https://gw.example.com/jdcloud", false},
		{Config{Endpoint: "http://127.0.0.1:8089"}, "http://127.0.0.1:8089", false},
		{Config{Endpoint: "http://127.5.6.7:1"}, "http://127.5.6.7:1", false},
		{Config{Endpoint: "http://localhost:8089"}, "http://localhost:8089", false},
		{Config{Endpoint: "http://[::1]:8089"}, "http://[::1]:8089", false},
		{Config{Endpoint: "http://example.com"}, "", true},
		{Config{Endpoint: "http://localhost.example.com"}, "", true},
		{Config{Endpoint: "http://10.0.0.1:8089"}, "", true},
		{Config{Endpoint: "http://example.com", Insecure: true}, "http://example.com", false},
		{Config{Hosts: ServiceHosts{VPC: "http://vpc.internal"}}, "", true},
		{Config{Endpoint: "ftp://example.com"}, "", true},
		{Config{Endpoint: "https://user:pw@example.com"}, "", true},
		{Config{Endpoint: "https://"}, "", true},
	}
	for _, tc := range cases {
		tc.cfg.AccessKey, tc.cfg.SecretKey = "ak", "sk"
		c, err := New(tc.cfg)
		if tc.refused {
			var ee *EndpointError
			if !errors.As(err, &ee) {
				t.Errorf("%+v: error %v, want *EndpointError", tc.cfg, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%+v: %v", tc.cfg, err)
			continue
		}
		if got := c.vm.base.String(); got != tc.vm {
			t.Errorf("%+v: vm base %s, want %s", tc.cfg, got, tc.vm)
		}
	}
	c, _ := New(Config{AccessKey: "ak", SecretKey: "sk"})
	if c.quota.base.Host != DefaultQuotaHost || c.vpc.base.Host != DefaultVPCHost || c.quota.service != "cocquota" || c.vpc.service != "cocvpc" {
		t.Errorf("defaults: %s %s", c.quota, c.vpc)
	}
	_, err := New(Config{AccessKey: "ak", SecretKey: "sk", Endpoint: "http://example.com"})
	if err == nil || !strings.Contains(err.Error(), "https://") || !strings.Contains(err.Error(), "--insecure") {
		t.Errorf("refusal does not say what to do: %v", err)
	}
}

func TestIsLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LOCALHOST": true, "localhost.": true, "127.0.0.1": true, "127.255.0.9": true,
		"::1": true, "[::1]": true, "0.0.0.0": false, "128.0.0.1": false, "example.com": false,
		"localhost.example.com": false, "::ffff:127.0.0.1": true, "10.1.1.1": false, "": false,
	} {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %t", host, got)
		}
	}
}

func TestConfigStringMasksSecret(t *testing.T) {
	cfg := Config{AccessKey: "AKVISIBLE", SecretKey: "SUPERSECRET", Endpoint: "https://x"}
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), fmt.Sprintf("%v", &cfg)} {
		if strings.Contains(s, "SUPERSECRET") || !strings.Contains(s, "AKVISIBLE") {
			t.Errorf("%s", s)
		}
	}
}
