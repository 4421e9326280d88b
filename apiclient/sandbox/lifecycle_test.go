package sandbox

import (
	"context"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

var documentationRanges = []netip.Prefix{
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
}

func inDocumentationRange(a netip.Addr) bool {
	for _, p := range documentationRanges {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// TestLifecycleInstantBoot: with no boot time an instance is running at
// once, with a private address from its subnet and an elastic IP from a
// documentation range.
func TestLifecycleInstantBoot(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.InstanceSpec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: 5, Provider: "bgp"}
	req.MaxCount = 3
	req.InstanceSpec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.io1", DiskSizeGB: 100}}
	ids := e.mustCreate(req)
	if len(ids) != 3 {
		t.Fatalf("ids %v", ids)
	}
	insts, err := e.client.DescribeInstances(context.Background(), testRegion, ids)
	if err != nil {
		t.Fatal(err)
	}
	subnet := netip.MustParsePrefix(e.subnet("default-vpc", testRegion+"a").info.AddressPrefix)
	seen := map[string]bool{}
	for _, in := range insts {
		if in.Status == apiclient.StatusError {
			continue // a boot failure (5% of batches) is allowed
		}
		if in.Status != apiclient.StatusRunning {
			t.Fatalf("%s is %s", in.InstanceID, in.Status)
		}
		priv := netip.MustParseAddr(in.PrivateIPAddress)
		pub := netip.MustParseAddr(in.ElasticIPAddress)
		if !subnet.Contains(priv) || priv == subnet.Addr() {
			t.Fatalf("private %s not a host of %s", priv, subnet)
		}
		if !inDocumentationRange(pub) {
			t.Fatalf("public %s is not a documentation address", pub)
		}
		if seen[priv.String()] || seen[pub.String()] {
			t.Fatalf("address handed out twice: %+v", in)
		}
		seen[priv.String()], seen[pub.String()] = true, true
		if in.Az != req.InstanceSpec.Az || in.InstanceType != "g.n2.large" || in.ImageID != req.InstanceSpec.ImageID ||
			in.InstanceName != "web-01" || in.VpcID != req.InstanceSpec.PrimaryNetworkInterface.VpcID {
			t.Fatalf("instance does not reflect the request: %+v", in)
		}
	}
}

// TestLifecyclePendingToRunning: pending until the boot time has passed on
// the sandbox's clock, then running; the private address appears then.
func TestLifecyclePendingToRunning(t *testing.T) {
	e := newEnv(t, Options{BootMin: 3 * time.Second, BootMax: 8 * time.Second})
	ids := e.mustCreate(e.validRequest())
	if st := e.statuses(ids)[ids[0]]; st != apiclient.StatusPending {
		t.Fatalf("new instance is %s", st)
	}
	insts, _ := e.client.DescribeInstances(context.Background(), testRegion, ids)
	if insts[0].PrivateIPAddress != "" {
		t.Fatalf("pending instance shows address %s", insts[0].PrivateIPAddress)
	}
	e.clock.Advance(2900 * time.Millisecond)
	if st := e.statuses(ids)[ids[0]]; st != apiclient.StatusPending {
		t.Fatalf("at 2.9 s the instance is %s", st)
	}
	e.clock.Advance(5200 * time.Millisecond)
	if st := e.statuses(ids)[ids[0]]; st != apiclient.StatusRunning {
		t.Fatalf("at 8.1 s the instance is %s", st)
	}
	insts, _ = e.client.DescribeInstances(context.Background(), testRegion, ids)
	if insts[0].PrivateIPAddress == "" || insts[0].ElasticIPAddress != "" {
		t.Fatalf("running instance without EIP: %+v", insts[0])
	}
}

// TestLifecycleFailureDeletes: a failed instance shows error, then is gone
// from describe results and its quota is free again.
func TestLifecycleFailureDeletes(t *testing.T) {
	e := newEnv(t, Options{BootMin: time.Second, BootMax: time.Second, BootFailRate: 1})
	req := e.validRequest()
	req.MaxCount = 4
	ids := e.mustCreate(req)
	if q := e.quota(); q.Used != 4 || q.Limit != DefaultQuota {
		t.Fatalf("quota after create %+v", q)
	}
	e.clock.Advance(time.Second)
	for id, st := range e.statuses(ids) {
		if st != apiclient.StatusError {
			t.Fatalf("%s is %s", id, st)
		}
	}
	e.clock.Advance(ErrorLinger)
	if st := e.statuses(ids); len(st) != 0 {
		t.Fatalf("failed instances still listed: %v", st)
	}
	if q := e.quota(); q.Used != 0 {
		t.Fatalf("quota not released: %+v", q)
	}
	if _, err := e.client.DescribeInstances(context.Background(), testRegion, nil); err != nil {
		t.Fatal(err)
	}
}

// TestDefaultFailRate: by default single instances never fail, and about
// 5% of the instances of batches do.
func TestDefaultFailRate(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot, BootFailRate: -1, Quota: 5000})
	var single []string
	for i := 0; i < 100; i++ {
		single = append(single, e.mustCreate(e.validRequest())...)
	}
	for id, st := range e.statuses(single) {
		if st != apiclient.StatusRunning {
			t.Fatalf("single instance %s is %s", id, st)
		}
	}
	req := e.validRequest()
	req.MaxCount = 100
	var batch []string
	for i := 0; i < 20; i++ {
		batch = append(batch, e.mustCreate(req)...)
	}
	failed := 0
	for _, st := range e.statuses(batch) {
		if st == apiclient.StatusError {
			failed++
		}
	}
	// 2000 draws at p = 0.05: mean 100, sd under 10.
	if failed < 60 || failed > 140 {
		t.Fatalf("%d of 2000 batch instances failed; want about 100", failed)
	}
}

// TestPartialSuccess: a batch larger than what is left of a type in a zone
// partly succeeds; once nothing is left the type reads sold out there and
// the next create is refused.
func TestPartialSuccess(t *testing.T) {
	e := newEnv(t, Options{BootMin: time.Second, BootMax: time.Second, BootFailRate: 0})
	req := e.validRequest()
	req.InstanceSpec.InstanceType = "p.n1p4c.2xlarge" // 8 fit in zone a
	req.InstanceSpec.ImageID = e.image("Ubuntu 20.04 64位 GPU (CUDA 11.8)")
	req.MaxCount = 10
	ids := e.mustCreate(req)
	if len(ids) != 10 {
		t.Fatalf("ids %v", ids)
	}
	types, err := e.client.DescribeInstanceTypes(context.Background(), testRegion, testRegion+"a")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range types {
		if it.InstanceType == "p.n1p4c.2xlarge" && (len(it.State) != 1 || it.State[0].InStock) {
			t.Fatalf("GPU type still in stock: %+v", it.State)
		}
	}
	e.clock.Advance(time.Second)
	count := map[string]int{}
	for _, st := range e.statuses(ids) {
		count[st]++
	}
	if count[apiclient.StatusRunning] != 8 || count[apiclient.StatusError] != 2 {
		t.Fatalf("statuses %v, want 8 running and 2 error", count)
	}
	req.MaxCount = 1
	_, err = e.create(req)
	wantAPIError(t, err, 400, "FAILED_PRECONDITION", "InstanceType 'p.n1p4c.2xlarge' is out of stock in az 'cn-hongkong-11a'")
}

// TestQuotaCountsLiveInstances: used counts what exists, and the quota
// error comes exactly at the limit.
func TestQuotaCountsLiveInstances(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot, Quota: 5})
	req := e.validRequest()
	req.MaxCount = 3
	e.mustCreate(req)
	if q := e.quota(); q.Used != 3 || q.Limit != 5 {
		t.Fatalf("quota %+v", q)
	}
	_, err := e.create(req)
	wantAPIError(t, err, 429, "QUOTA_EXCEEDED", "Instance quota limit exceeded")
	req.MaxCount = 2
	e.mustCreate(req)
	if q := e.quota(); q.Used != 5 {
		t.Fatalf("quota %+v", q)
	}
	other, err := e.client.DescribeQuota(context.Background(), "ap-singapore-11")
	if err != nil || other.Used != 0 {
		t.Fatalf("quota is per region: %+v %v", other, err)
	}
}

// TestFixedIP: a fixed address is used, and a second use of it is refused.
func TestFixedIP(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.InstanceSpec.PrimaryNetworkInterface.IP = "10.0.0.20"
	ids := e.mustCreate(req)
	insts, err := e.client.DescribeInstances(context.Background(), testRegion, ids)
	if err != nil || insts[0].PrivateIPAddress != "10.0.0.20" {
		t.Fatalf("%+v %v", insts, err)
	}
	_, err = e.create(req)
	wantAPIError(t, err, 400, "CONFLICT", "Ip '10.0.0.20' is already in use")
	// The COC subnets page reserves the second address and the two before
	// the broadcast address; the third is the first usable one.
	req.InstanceSpec.PrimaryNetworkInterface.IP = "10.0.0.2"
	if _, err := e.create(req); err != nil {
		t.Fatalf("the first usable address: %v", err)
	}
	for _, ip := range []string{"10.0.0.1", "10.0.63.253", "10.0.63.254"} {
		req.InstanceSpec.PrimaryNetworkInterface.IP = ip
		_, err = e.create(req)
		var ae *apiclient.APIError
		if !asAPIError(err, &ae) || ae.Status != "INVALID_ARGUMENT" || !strings.HasPrefix(ae.Message, "Invalid parameter InstanceSpec.PrimaryNetworkInterface.Ip: "+ip+" is reserved") {
			t.Errorf("%s: %v", ip, err)
		}
	}
}

// TestManyInstancesStayCheap: 10,000 instances are created, polled and
// aged without a goroutine each.
func TestManyInstancesStayCheap(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 10,000 instances")
	}
	e := newEnv(t, Options{BootMin: time.Second, BootMax: 2 * time.Second, BootFailRate: 0.05, Quota: 20000})
	req := e.validRequest()
	req.MaxCount = 100
	var ids []string
	for i := 0; i < 100; i++ {
		ids = append(ids, e.mustCreate(req)...)
	}
	e.clock.Advance(2*time.Second + ErrorLinger)
	st := e.statuses(ids)
	for id, s := range st {
		if s != apiclient.StatusRunning {
			t.Fatalf("%s is %s after every boot and deletion", id, s)
		}
	}
	if len(st) < 9000 || len(st) > 9900 {
		t.Fatalf("%d of 10000 left after 5%% failures", len(st))
	}
	if q := e.quota(); q.Used != len(st) {
		t.Fatalf("quota used %d, instances %d", q.Used, len(st))
	}
}
