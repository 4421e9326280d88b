package launch

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
	"github.com/cocvm/cocvm/wizard/body"
)

// The wizard against an API that answers only in the shapes the published
// pages show: subnets without a zone (the vm describeSubnets example
// answers "az": ""), localDisks as one object (the COC-VM
// describeInstanceTypes table), the documented platforms, the describeUsage
// example's one row, no describeDiskTypes (not a documented call: 404), and
// shared images refused. Enter through every step gives a valid body.

// wzPages answers the calls the wizard makes, in the pages' shapes.
var wzPages = map[string]string{
	"/instanceTypes": `{"requestId":"r1","result":{"totalCount":3,"instanceTypes":[
		{"family":"g.n","instanceType":"g.n2.medium","cpu":1,"memoryMB":4096,
		 "state":[{"az":"cn-hongkong-11c","inStock":true},{"az":"cn-hongkong-11a","inStock":true},{"az":"cn-hongkong-11b","inStock":true}]},
		{"family":"s.n","instanceType":"s.n1ld.xlarge","cpu":4,"memoryMB":16384,
		 "localDisks":{"diskType":"ssd","diskSizeGB":440,"count":2},
		 "state":[{"az":"cn-hongkong-11a","inStock":true},{"az":"cn-hongkong-11b","inStock":false},{"az":"cn-hongkong-11c","inStock":true}]},
		{"family":"p.n","instanceType":"p.n1p4c.2xlarge","cpu":8,"memoryMB":26624,"gpu":{"model":"P4","number":1},
		 "state":[{"az":"cn-hongkong-11c","inStock":true},{"az":"cn-hongkong-11a","inStock":false},{"az":"cn-hongkong-11b","inStock":false}]}]}}`,
	"/images?public": `{"requestId":"r2","result":{"totalCount":3,"images":[
		{"architecture":"x86_64","createTime":"2024-05-01 10:00:00","desc":"","imageId":"img-ubuntu2204","imageSource":"public","name":"Ubuntu 22.04 64位",
		 "osType":"linux","ownerPin":"admin","platform":"Ubuntu","sizeMB":2494,"status":"ready","systemDiskSizeGB":40},
		{"architecture":"x86_64","createTime":"2023-07-01 10:00:00","desc":"","imageId":"img-debian12","imageSource":"public","name":"Debian 12 64位",
		 "osType":"linux","ownerPin":"admin","platform":"Other Linux","sizeMB":0,"status":"ready","systemDiskSizeGB":40},
		{"architecture":"x86_64","createTime":"2023-06-01 10:00:00","desc":"","imageId":"img-win2022","imageSource":"public","name":"Windows Server 2022",
		 "osType":"windows","ownerPin":"admin","platform":"Windows Server","sizeMB":0,"status":"ready","systemDiskSizeGB":60}]}}`,
	"/images?private": `{"requestId":"r3","result":{"totalCount":0,"images":[]}}`,
	"/imageConstraints": `{"requestId":"r4","result":{"imageConstraints":[
		{"imageId":"img-win2022","imageInstanceTypeConstraint":{"constraintsType":"excludes","instanceTypes":["g.n2.medium"]}}]}}`,
	"/keypairs": `{"requestId":"r5","result":{"totalCount":1,"keypairs":[
		{"createTime":"2020-12-08 16:52:02","keyFingerprint":"25:65:12:a9:2a:d8:03:97:a4:59:ce:3c:fe:00:aa:7c","keyName":"test"}]}}`,
	"/vpcs/": `{"requestId":"r6","result":{"totalCount":1,"vpcs":[{"vpcId":"vpc-xmgvmynmkj","vpcName":"0814","addressPrefix":"10.0.0.0/16"}]}}`,
	"/subnets/": `{"requestId":"r7","result":{"totalCount":1,"subnets":[
		{"aclId":"","addressPrefix":"10.0.0.0/20","availableIpCount":4035,"az":"","createdTime":"2020-08-14T06:07:36Z","description":"",
		 "endIp":"10.0.15.254","ipMaskLen":0,"ipv6AddressPrefix":"","routeTableId":"rtb-lx7zvnztvz","startIp":"10.0.0.3",
		 "subnetId":"subnet-5g97rio80i","subnetName":"0814","subnetType":"standard","vpcId":"vpc-xmgvmynmkj"}]}}`,
	"/networkSecurityGroups/": `{"requestId":"r8","result":{"totalCount":1,"networkSecurityGroups":[
		{"networkSecurityGroupId":"sg-hq1nr8ewvt","networkSecurityGroupName":"default","vpcId":"vpc-xmgvmynmkj","description":""}]}}`,
	"/quota:describeUsage": `{"requestId":"r9","result":{"quotaUsages":[
		{"region":"cn-hongkong-11","pin":"abc","ownerId":"abc","ownerType":"pin","quotaId":"quota-222eee","serviceCode":"cocvm","resourceType":"vm",
		 "limit":100,"used":27,"createTime":"2022-08-03 14:49:17","updateTime":"2022-09-30 16:40:32"}]}}`,
	"/instances": `{"result":{"instanceIds":["i-eumm****d6"]},"requestId":"c2i8w4g6fiqocr2fetqf8ef59k1k4wir"}`,
}

// wzPagesAPI serves wzPages and keeps the createInstances bodies.
type wzPagesAPI struct {
	mu      sync.Mutex
	creates [][]byte
}

func (a *wzPagesAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	path := r.URL.Path
	if r.Method == http.MethodPost && strings.HasSuffix(path, "/instances") {
		data, _ := io.ReadAll(r.Body)
		a.mu.Lock()
		a.creates = append(a.creates, data)
		a.mu.Unlock()
		_, _ = io.WriteString(w, wzPages["/instances"])
		return
	}
	switch src := r.URL.Query().Get("imageSource"); {
	case strings.HasSuffix(path, "/images") && src == "shared":
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"requestId":"r0","error":{"code":400,"status":"INVALID_ARGUMENT","message":"Parameter ImageSource 'shared' is not supported yet"}}`)
		return
	case strings.HasSuffix(path, "/images"):
		path += "?" + src
	}
	for suffix, answer := range wzPages {
		if strings.HasSuffix(path, suffix) && suffix != "/instances" {
			_, _ = io.WriteString(w, answer)
			return
		}
	}
	w.WriteHeader(http.StatusNotFound)
	_, _ = io.WriteString(w, `{"requestId":"r404","error":{"code":404,"status":"NOT_FOUND","message":"not found"}}`)
}

func TestWizardAgainstThePagesShapes(t *testing.T) {
	t.Parallel()
	api := &wzPagesAPI{}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	c, err := apiclient.New(apiclient.Config{Endpoint: srv.URL, AccessKey: "ak", SecretKey: "sk", Retry: apiclient.RetryPolicy{MaxAttempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	h := newWzHarness(t, Config{Catalog: c, Draft: wizard.Draft{ClientToken: wzToken}}, 120, 40)

	h.forwardTo(stepType)
	if n := len(h.m.f.types.Rows()); n != 3 {
		t.Errorf("%d instance types listed, want the 3 of the answer (localDisks as one object is read)", n)
	}
	if lds := h.m.data.findType("s.n1ld.xlarge").LocalDisks; len(lds) != 1 || lds[0].Count != 2 {
		t.Errorf("s.n1ld.xlarge's local disks: %+v", lds)
	}
	h.forwardTo(stepImage)
	if got := strings.Join(optionLabels(h.m.f.imgPlatform), ","); got != "All,Ubuntu,Windows Server,Other Linux" {
		t.Errorf("platforms %s", got)
	}
	if got := strings.Join(optionLabels(h.m.f.imgSource), ","); got != "public,private" {
		t.Errorf("sources %s", got)
	}
	h.forwardTo(stepNetwork)
	h.wantView("the zone-less subnet", "subnet-5g97rio80i", "all zones")
	h.forwardTo(stepDisks)
	// No describeDiskTypes: the documented three, stock unknown.
	if got := strings.Join(h.m.diskTypeNames(), ","); got != "ssd.gp1,ssd.io1,hdd.std1" {
		t.Errorf("disk types %s", got)
	}
	wzToReview(t, h)
	// Only the instance quota is in the answer; the others are unknown.
	h.wantView("quota", "✓ 73 of 100 instances", "? disks", "? GiB", "? elastic IPs")
	h.keys("enter", "y")
	if h.m.phase != phaseStatus {
		t.Fatalf("no status panel after the create:\n%s", h.view())
	}

	api.mu.Lock()
	defer api.mu.Unlock()
	if len(api.creates) != 1 {
		t.Fatalf("%d createInstances bodies, want 1", len(api.creates))
	}
	raw := api.creates[0]
	b := body.Decode(raw)
	if len(b.Problems) > 0 {
		t.Fatalf("the body does not read: %v\n%s", b.Problems, raw)
	}
	if ps := wizard.ValidateDecoded(b.Request, nil, b.Zero); len(ps) > 0 {
		t.Errorf("the body has problems: %v\n%s", ps, raw)
	}
	var got struct {
		InstanceSpec struct {
			Az                      string `json:"az"`
			InstanceType            string `json:"instanceType"`
			ImageID                 string `json:"imageId"`
			PrimaryNetworkInterface struct {
				SubnetID string `json:"subnetId"`
			} `json:"primaryNetworkInterface"`
		} `json:"instanceSpec"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	s := got.InstanceSpec
	if s.Az != "cn-hongkong-11a" || s.InstanceType != "g.n2.medium" || s.ImageID != "img-ubuntu2204" || s.PrimaryNetworkInterface.SubnetID != "subnet-5g97rio80i" {
		t.Errorf("the body chose %+v; want zone a, g.n2.medium, the Ubuntu image and the zone-less subnet", s)
	}
}
