package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// The sandbox answers in the shapes of the published pages.

// decodeStrict decodes a result refusing fields the client's types do not
// have: the sandbox serves nothing the client would not read.
func decodeStrict(t *testing.T, raw json.RawMessage, into any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		t.Fatalf("%v: %s", err, clipResult(raw))
	}
}

func keysOf(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestInstanceShapesFollowThePages: describeInstances and describeInstance
// answer the fields of the pages' Instance table (plus the example's
// hostName): disks as attachments, the documented interface and charge,
// times as the pages write them.
func TestInstanceShapesFollowThePages(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.InstanceSpec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.gp1", DiskSizeGB: 100}, {DiskType: "hdd.std1"}}
	req.InstanceSpec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: 5, Provider: "bgp"}
	req.InstanceSpec.Charge = &apiclient.ChargeSpec{ChargeMode: "prepaid_by_duration", ChargeUnit: "year", ChargeDuration: 1}
	ids := e.mustCreate(req)

	resp, env := e.asClient(http.MethodGet, "/v1/regions/"+testRegion+"/instances?filters.1.name=instanceId&filters.1.values.1="+ids[0])
	if resp.StatusCode != 200 {
		t.Fatalf("%d %+v", resp.StatusCode, env.Error)
	}
	var list apiclient.DescribeInstancesResult
	decodeStrict(t, env.Result, &list)
	var rawList struct{ Instances []json.RawMessage }
	json.Unmarshal(env.Result, &rawList)
	if len(list.Instances) != 1 || len(rawList.Instances) != 1 {
		t.Fatalf("%s", env.Result)
	}
	want := []string{"az", "charge", "dataDisks", "elasticIpAddress", "elasticIpId", "hostName", "imageId", "instanceId", "instanceName",
		"instanceType", "launchTime", "primaryNetworkInterface", "privateIpAddress", "region", "status", "subnetId", "systemDisk", "vpcId"}
	if got := keysOf(t, rawList.Instances[0]); !slices.Equal(got, want) {
		t.Errorf("instance fields\n got %v\nwant %v", got, want)
	}
	var nicRaw struct {
		PrimaryNetworkInterface json.RawMessage
		Charge                  json.RawMessage
	}
	json.Unmarshal(rawList.Instances[0], &nicRaw)
	if got := keysOf(t, nicRaw.PrimaryNetworkInterface); !slices.Equal(got, []string{"ip", "portId", "securityGroups", "subnetId", "vpcId"}) {
		t.Errorf("interface fields %v", got)
	}
	if got := keysOf(t, nicRaw.Charge); !slices.Equal(got, []string{"chargeExpiredTime", "chargeMode", "chargeRetireTime", "chargeStartTime", "chargeStatus"}) {
		t.Errorf("charge fields %v", got)
	}

	in := list.Instances[0]
	if in.SystemDisk.DeviceName != "vda" || !strings.HasPrefix(in.SystemDisk.DiskID, "vol-") || !in.SystemDisk.AutoDelete {
		t.Errorf("system disk %+v", in.SystemDisk)
	}
	if len(in.DataDisks) != 2 || in.DataDisks[0].DeviceName != "vdb" || in.DataDisks[1].DeviceName != "vdc" ||
		in.DataDisks[0].DiskID == in.DataDisks[1].DiskID || in.DataDisks[0].DiskID == in.SystemDisk.DiskID {
		t.Errorf("data disks %+v", in.DataDisks)
	}
	nic := in.PrimaryNetworkInterface
	if nic.VpcID != in.VpcID || nic.SubnetID != in.SubnetID || nic.IP != in.PrivateIPAddress || in.PrivateIPAddress == "" ||
		!strings.HasPrefix(nic.PortID, "port-") || len(nic.SecurityGroups) != 1 || nic.SecurityGroups[0].GroupName != "default" {
		t.Errorf("interface %+v of %+v", nic, in)
	}
	if !strings.HasPrefix(in.ElasticIPID, "fip-") || in.ElasticIPAddress == "" || in.Region != testRegion || in.HostName != "web-01" {
		t.Errorf("instance %+v", in)
	}

	// launchTime "2021-07-19 20:33:17" is China Standard Time; the charge's
	// times are ISO 8601 in UTC, "2021-07-19T12:33:17Z".
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`).MatchString(in.LaunchTime) {
		t.Errorf("launchTime %q", in.LaunchTime)
	}
	launched, err1 := time.ParseInLocation(time.DateTime, in.LaunchTime, time.FixedZone("", 8*3600))
	started, err2 := time.Parse(time.RFC3339, in.Charge.ChargeStartTime)
	expires, err3 := time.Parse(time.RFC3339, in.Charge.ChargeExpiredTime)
	if err1 != nil || err2 != nil || err3 != nil || !launched.Equal(started) || !strings.HasSuffix(in.Charge.ChargeStartTime, "Z") ||
		!expires.Equal(started.AddDate(1, 0, 0)) || in.Charge.ChargeStatus != "normal" || in.Charge.ChargeMode != "prepaid_by_duration" {
		t.Errorf("times: launch %q, charge %+v (%v %v %v)", in.LaunchTime, in.Charge, err1, err2, err3)
	}

	// describeInstance is "与查询云主机列表返回的信息一致": the same instance.
	resp, env = e.asClient(http.MethodGet, "/v1/regions/"+testRegion+"/instances/"+ids[0])
	var one apiclient.DescribeInstanceResult
	decodeStrict(t, env.Result, &one)
	if resp.StatusCode != 200 || !jsonEqual(t, one.Instance, in) {
		t.Errorf("describeInstance %+v, describeInstances %+v", one.Instance, in)
	}
	got, err := e.client.DescribeInstance(context.Background(), testRegion, ids[0])
	if err != nil || got.InstanceID != ids[0] {
		t.Errorf("client DescribeInstance: %+v %v", got, err)
	}
}

func jsonEqual(t *testing.T, a, b any) bool {
	t.Helper()
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// TestDescribeInstancesFilters: the page's filters (privateIpAddress and
// name match a part, status and instanceType all of the value; instanceId
// as in its example) are served, any other is refused in the gateway's
// words. describeInstanceStatus serves the vm product page's set.
func TestDescribeInstancesFilters(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	web := e.mustCreate(e.validRequest())
	req := e.validRequest()
	req.InstanceSpec.Name = "db-01"
	req.InstanceSpec.InstanceType = "m.n2.large"
	req.InstanceSpec.PrimaryNetworkInterface.IP = "10.0.0.77"
	db := e.mustCreate(req)

	list := func(path, query string) ([]string, *errorBody) {
		resp, env := e.asClient(http.MethodGet, "/v1/regions/"+testRegion+"/"+path+"?"+query)
		if resp.StatusCode != 200 {
			return nil, env.Error
		}
		var res struct {
			Instances        []apiclient.Instance
			InstanceStatuses []apiclient.InstanceStatus
		}
		json.Unmarshal(env.Result, &res)
		var ids []string
		for _, in := range res.Instances {
			ids = append(ids, in.InstanceID)
		}
		for _, st := range res.InstanceStatuses {
			ids = append(ids, st.InstanceID)
		}
		return ids, nil
	}
	f := func(name, value string) string { return "filters.1.name=" + name + "&filters.1.values.1=" + value }
	for _, c := range []struct {
		query string
		want  []string
	}{
		{f("name", "db-01"), db},
		{f("name", "web"), web}, // 模糊匹配: a part of the name
		{f("privateIpAddress", "10.0.0.77"), db},
		{f("privateIpAddress", ".77"), db},
		{f("status", "running"), append(slices.Clone(web), db...)},
		{f("status", "pending"), nil},
		{f("instanceType", "m.n2.large"), db},
		{f("instanceType", "m.n2"), nil}, // 精确匹配
		{f("instanceId", db[0]), db},
		{f("name", "01") + "&filters.2.name=instanceType&filters.2.values.1=g.n2.large", web},
	} {
		got, ferr := list("instances", c.query)
		if ferr != nil || !slices.Equal(got, c.want) {
			t.Errorf("describeInstances %s: %v %+v, want %v", c.query, got, ferr, c.want)
		}
	}
	for _, name := range []string{"instanceName", "az", "vpcId", "subnetId", "imageId", "keyName"} {
		_, ferr := list("instances", f(name, "x"))
		if ferr == nil || ferr.Code != 400 || ferr.Status != "INVALID_ARGUMENT" || ferr.Message != "Invalid filter name '"+name+"'" {
			t.Errorf("describeInstances filter %s: %+v", name, ferr)
		}
	}

	// describeInstanceStatus: the vm page's filters.
	for _, c := range []struct {
		query string
		want  []string
	}{
		{f("vpcId", req.InstanceSpec.PrimaryNetworkInterface.VpcID), append(slices.Clone(web), db...)},
		{f("name", "db"), db},
		{f("networkInterfaceId", "port-"+strings.TrimPrefix(db[0], "i-")), db},
		{f("imageId", req.InstanceSpec.ImageID) + "&filters.2.name=privateIpAddress&filters.2.values.1=10.0.0.77", db},
	} {
		got, ferr := list("instanceStatus", c.query)
		if ferr != nil || !slices.Equal(got, c.want) {
			t.Errorf("describeInstanceStatus %s: %v %+v, want %v", c.query, got, ferr, c.want)
		}
	}
	if _, ferr := list("instanceStatus", f("instanceType", "g.n2.large")); ferr == nil || ferr.Message != "Invalid filter name 'instanceType'" {
		t.Errorf("describeInstanceStatus instanceType: %+v", ferr)
	}
}

// TestImagesFollowThePage: platforms are the page's response values,
// imageSource is required (FAILED_PRECONDITION) and shared is refused as not
// supported yet, describeImage answers one image, constraints are
// exclusions.
func TestImagesFollowThePage(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	ctx := context.Background()
	documented := []string{"Ubuntu", "CentOS", "Windows Server", "Other Linux", "Other Windows"}
	var all []apiclient.Image
	for _, src := range []string{"public", "private"} {
		images, err := e.client.DescribeImages(ctx, testRegion, src, "")
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, images...)
	}
	timeShape := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`)
	for _, im := range all {
		if !slices.Contains(documented, im.Platform) || !timeShape.MatchString(im.CreateTime) || im.OwnerPin == "" {
			t.Errorf("image %+v", im)
		}
		if strings.HasPrefix(im.Name, "Debian") && im.Platform != "Other Linux" {
			t.Errorf("%s is %q", im.Name, im.Platform)
		}
	}

	// platform=Debian, a request value with no response value of its own,
	// finds the Other Linux images named after it.
	debian, err := e.client.DescribeImages(ctx, testRegion, "public", "Debian")
	if err != nil || len(debian) != 2 {
		t.Errorf("platform Debian: %+v %v", debian, err)
	}
	resp, env := e.asClient(http.MethodGet, "/v1/regions/"+testRegion+"/images?imageSource=public&imageName=CentOS%207.9%2064%E4%BD%8D")
	var named apiclient.DescribeImagesResult
	decodeStrict(t, env.Result, &named)
	if resp.StatusCode != 200 || named.TotalCount != 1 || named.Images[0].Name != "CentOS 7.9 64位" {
		t.Errorf("imageName: %d %s", resp.StatusCode, env.Result)
	}

	resp, env = e.asClient(http.MethodGet, "/v1/regions/"+testRegion+"/images")
	if resp.StatusCode != 400 || env.Error.Status != "FAILED_PRECONDITION" || env.Error.Message != "Parameter ImageSource missing" {
		t.Errorf("no imageSource: %d %+v", resp.StatusCode, env.Error)
	}
	resp, env = e.asClient(http.MethodGet, "/v1/regions/"+testRegion+"/images?imageSource=shared")
	if resp.StatusCode != 400 || env.Error.Status != "INVALID_ARGUMENT" || env.Error.Message != "Parameter ImageSource 'shared' is not supported yet" {
		t.Errorf("shared: %d %+v", resp.StatusCode, env.Error)
	}
	// The client reads that refusal as no shared images.
	if shared, err := e.client.DescribeImages(ctx, testRegion, "shared", ""); err != nil || len(shared) != 0 {
		t.Errorf("client, shared: %v %v", shared, err)
	}

	// describeImage (GET /images/{id}).
	id := e.image("Ubuntu 22.04 64位")
	im, err := e.client.DescribeImage(ctx, testRegion, id)
	if err != nil || im.ImageID != id || im.Platform != "Ubuntu" {
		t.Errorf("describeImage: %+v %v", im, err)
	}
	_, err = e.client.DescribeImage(ctx, testRegion, "img-0000000000")
	wantAPIError(t, err, 404, "NOT_FOUND", "Image 'img-0000000000' not found")

	// Constraints are exclusions only ("当前只支持 excludes 一种数据").
	var ids []string
	for _, im := range all {
		ids = append(ids, im.ImageID)
	}
	cons, err := e.client.DescribeImageConstraints(ctx, testRegion, ids)
	if err != nil || len(cons) != len(ids) {
		t.Fatalf("constraints %d of %d: %v", len(cons), len(ids), err)
	}
	for _, c := range cons {
		if c.Constraint.ConstraintsType != "excludes" {
			t.Errorf("constraint %+v", c)
		}
	}
	// The GPU-ready image still runs GPU types only.
	gpu := e.validRequest()
	gpu.InstanceSpec.ImageID = e.image("Ubuntu 20.04 64位 GPU (CUDA 11.8)")
	_, err = e.create(gpu)
	wantAPIError(t, err, 400, "FAILED_PRECONDITION", "Image constraints. Doesn't support instanceType 'g.n2.large'")
	gpu.InstanceSpec.InstanceType = "p.n1p4c.2xlarge"
	e.mustCreate(gpu)
}

// TestLocalDisksServedAsOneObject: a GPU type's local disks are the page's
// one FlavorDiskInfo object, which the client reads.
func TestLocalDisksServedAsOneObject(t *testing.T) {
	e := newEnv(t, Options{})
	resp, env := e.asClient(http.MethodGet, "/v1/regions/"+testRegion+"/instanceTypes?filters.1.name=instanceTypes&filters.1.values.1=p.n1p4c.4xlarge")
	if resp.StatusCode != 200 || !strings.Contains(string(env.Result), `"localDisks":{"diskType":"ssd","diskSizeGB":200,"count":2}`) {
		t.Fatalf("%d %s", resp.StatusCode, env.Result)
	}
	var res apiclient.DescribeInstanceTypesResult
	decodeStrict(t, env.Result, &res)
	if res.TotalCount != 1 {
		t.Errorf("totalCount %d", res.TotalCount)
	}
	types, err := e.client.ListInstanceTypes(context.Background(), testRegion, "")
	if err != nil || len(types.Skipped) != 0 || len(types.Items) != len(typeTable) {
		t.Fatalf("%d types, skipped %v, %v", len(types.Items), types.Skipped, err)
	}
	for _, it := range types.Items {
		if (it.GPU != nil) != (len(it.LocalDisks) == 1) {
			t.Errorf("%s: gpu %v, local disks %v", it.InstanceType, it.GPU, it.LocalDisks)
		}
	}
}

// TestZonelessSubnet: a subnet with no zone is listed with "az": "", kept by
// any zone filter, and takes instances of every zone. The ids the ui's
// tests use stay.
func TestZonelessSubnet(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	ctx := context.Background()
	if e.vpc("default-vpc") != "vpc-ubyo4gybak" || e.subnet("default-vpc", testRegion+"a").info.SubnetID != "subnet-tcj8hjycl7" ||
		e.image("Ubuntu 22.04 64位") != "img-vf7zs2s9l0" {
		t.Fatal("catalogue ids changed: the ui's tests name them")
	}
	prod := e.vpc("prod-vpc")
	subnets, err := e.client.DescribeSubnets(ctx, testRegion, prod)
	if err != nil {
		t.Fatal(err)
	}
	var anyZone *apiclient.Subnet
	for i, sn := range subnets {
		if sn.Az == "" {
			anyZone = &subnets[i]
		}
	}
	if anyZone == nil || anyZone.SubnetName != "prod-any" || anyZone.AvailableIPCount != 251 || anyZone.StartIP != "172.16.200.2" || anyZone.EndIP != "172.16.200.252" {
		t.Fatalf("zone-less subnet %+v", anyZone)
	}
	def := e.subnet("default-vpc", testRegion+"a").info
	if def.StartIP != "10.0.0.2" || def.EndIP != "10.0.63.252" || def.SubnetType != "standard" || def.RouteTableID == "" {
		t.Errorf("subnet %+v", def)
	}

	resp, env := e.asClient(http.MethodGet, "/v1/regions/"+testRegion+"/subnets/?filters.1.name=vpcId&filters.1.values.1="+prod+"&filters.2.name=azs&filters.2.values.1="+testRegion+"b")
	var res apiclient.DescribeSubnetsResult
	decodeStrict(t, env.Result, &res)
	if resp.StatusCode != 200 || res.TotalCount != 2 || res.Subnets[0].Az != testRegion+"b" || res.Subnets[1].Az != "" {
		t.Errorf("azs filter: %d %s", resp.StatusCode, env.Result)
	}
	resp, env = e.asClient(http.MethodGet, "/v1/regions/"+testRegion+"/subnets/?filters.1.name=az&filters.1.values.1=x")
	if resp.StatusCode != 400 || env.Error.Message != "Invalid filter name 'az'" {
		t.Errorf("az filter: %d %+v", resp.StatusCode, env.Error)
	}

	for _, zone := range []string{"a", "c"} {
		req := e.validRequest()
		req.InstanceSpec.Az = testRegion + zone
		req.InstanceSpec.PrimaryNetworkInterface = apiclient.NetworkInterfaceSpec{
			VpcID: prod, SubnetID: anyZone.SubnetID,
			SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: e.group("prod-vpc", "default")}},
		}
		ids := e.mustCreate(req)
		ins, err := e.client.DescribeInstances(ctx, testRegion, ids)
		if err != nil || len(ins) != 1 || !strings.HasPrefix(ins[0].PrivateIPAddress, "172.16.200.") || ins[0].Az != testRegion+zone {
			t.Errorf("zone %s: %+v %v", zone, ins, err)
		}
	}
}

// TestQuotasOfDisksAndElasticIPs: describeUsage answers the four quotas a
// create counts against; a create that would exceed one is refused 429
// QUOTA_EXCEEDED, and failed instances give back what they held.
func TestQuotasOfDisksAndElasticIPs(t *testing.T) {
	opts := Options{BootMax: InstantBoot, BootFailRate: 0}
	QuotaLimits{VM: 10, Volume: 6, VolumeSize: 400, ElasticIP: 2}.ApplyTo(&opts)
	e := newEnv(t, opts)
	ctx := context.Background()

	q, err := e.client.DescribeQuotas(ctx, testRegion)
	if err != nil || q.Instances.Limit != 10 || q.Disks.Limit != 6 || q.DiskGiB.Limit != 400 || q.ElasticIPs.Limit != 2 || len(q.Skipped) != 0 {
		t.Fatalf("quotas %+v %v", q, err)
	}
	// The rows look like the page's example.
	resp, env := e.asClient(http.MethodGet, "/v1/regions/"+testRegion+"/quota:describeUsage?serviceCode=cocdisk")
	var rows apiclient.DescribeQuotaResult
	decodeStrict(t, env.Result, &rows)
	if resp.StatusCode != 200 || len(rows.QuotaUsages) != 2 {
		t.Fatalf("cocdisk rows: %s", env.Result)
	}
	if r := rows.QuotaUsages[0]; r.Region != testRegion || r.OwnerType != "pin" || r.Pin == "" || !strings.HasPrefix(r.QuotaID, "quota-") ||
		!regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`).MatchString(r.UpdateTime) {
		t.Errorf("row %+v", r)
	}

	// Two instances with a 100 GiB data disk and an elastic IP each: 4
	// disks, 2 x (40 + 100) = 280 GiB, 2 elastic IPs.
	req := e.validRequest()
	req.MaxCount = 2
	req.InstanceSpec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.gp1", DiskSizeGB: 100}}
	req.InstanceSpec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: 5, Provider: "bgp"}
	e.mustCreate(req)
	q, _ = e.client.DescribeQuotas(ctx, testRegion)
	if q.Instances.Used != 2 || q.Disks.Used != 4 || q.DiskGiB.Used != 280 || q.ElasticIPs.Used != 2 {
		t.Fatalf("used %+v %+v %+v %+v", q.Instances, q.Disks, q.DiskGiB, q.ElasticIPs)
	}

	one := e.validRequest()
	one.InstanceSpec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: 5, Provider: "bgp"}
	_, err = e.create(one)
	wantAPIError(t, err, 429, "QUOTA_EXCEEDED", "ElasticIp quota limit exceeded")

	one = e.validRequest()
	one.InstanceSpec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.gp1", DiskSizeGB: 100}}
	_, err = e.create(one) // 280 + 140 GiB
	wantAPIError(t, err, 429, "QUOTA_EXCEEDED", "Volume size quota limit exceeded")

	one.InstanceSpec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.gp1", DiskSizeGB: 20}, {DiskType: "ssd.gp1", DiskSizeGB: 20}}
	_, err = e.create(one) // 4 + 3 disks
	wantAPIError(t, err, 429, "QUOTA_EXCEEDED", "Volume quota limit exceeded")

	one.MaxCount = 9
	one.InstanceSpec.DataDisks = nil
	_, err = e.create(one) // the instance quota is checked first
	wantAPIError(t, err, 429, "QUOTA_EXCEEDED", "Instance quota limit exceeded")

	// What fits still goes: 2 more disks, 80 GiB.
	one.MaxCount = 1
	one.InstanceSpec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.gp1", DiskSizeGB: 40}}
	e.mustCreate(one)
	if q, _ = e.client.DescribeQuotas(ctx, testRegion); q.Disks.Used != 6 || q.DiskGiB.Used != 360 {
		t.Errorf("used %+v %+v", q.Disks, q.DiskGiB)
	}
	// Nothing of this is another region's.
	other, err := e.client.DescribeQuotas(ctx, "ap-singapore-11")
	if err != nil || other.Disks.Used != 0 || other.ElasticIPs.Used != 0 {
		t.Errorf("other region %+v %v", other, err)
	}
}

// TestFailedInstancesReleaseDiskQuota: an instance that goes to error gives
// its disks and elastic IP back when it is deleted.
func TestFailedInstancesReleaseDiskQuota(t *testing.T) {
	e := newEnv(t, Options{BootMin: time.Second, BootMax: time.Second, BootFailRate: 1})
	req := e.validRequest()
	req.InstanceSpec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.gp1", DiskSizeGB: 50}}
	req.InstanceSpec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: 5, Provider: "bgp"}
	e.mustCreate(req)
	ctx := context.Background()
	if q, _ := e.client.DescribeQuotas(ctx, testRegion); q.Disks.Used != 2 || q.DiskGiB.Used != 90 || q.ElasticIPs.Used != 1 {
		t.Fatalf("while pending: %+v %+v %+v", q.Disks, q.DiskGiB, q.ElasticIPs)
	}
	e.clock.Advance(time.Second + ErrorLinger)
	if q, _ := e.client.DescribeQuotas(ctx, testRegion); q.Instances.Used != 0 || q.Disks.Used != 0 || q.DiskGiB.Used != 0 || q.ElasticIPs.Used != 0 {
		t.Fatalf("after deletion: %+v", q)
	}
}

func TestParseQuota(t *testing.T) {
	for _, c := range []struct {
		in      string
		want    QuotaLimits
		wantErr string
	}{
		{in: "50", want: QuotaLimits{VM: 50}},
		{in: " 7 ", want: QuotaLimits{VM: 7}},
		{in: "vm=50,volume=200,volume_size=64000,elasticIp=20", want: QuotaLimits{VM: 50, Volume: 200, VolumeSize: 64000, ElasticIP: 20}},
		{in: "elasticip=3, volume=9", want: QuotaLimits{Volume: 9, ElasticIP: 3}},
		{in: "0", wantErr: "give at least 1 instance per region"},
		{in: "", wantErr: "give a number of instances such as 50"},
		{in: "vm=0", wantErr: "vm=0: give a whole number of at least 1"},
		{in: "disks=5", wantErr: `"disks" is not a quota; use vm, volume, volume_size, elasticIp`},
		{in: "vm=5,vm=6", wantErr: "vm is given twice"},
		{in: "vm", wantErr: `"vm" is not name=number`},
	} {
		got, err := ParseQuota(c.in)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%q: %v, want an error with %q", c.in, err, c.wantErr)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %+v %v, want %+v", c.in, got, err, c.want)
		}
	}
	// Left out, the disk and elastic IP quotas follow the instance quota.
	var o Options
	QuotaLimits{VM: 10, ElasticIP: 3}.ApplyTo(&o)
	if l := o.quotaLimits(); l != (QuotaLimits{VM: 10, Volume: 80, VolumeSize: 320000, ElasticIP: 3}) {
		t.Errorf("defaults %+v", l)
	}
}
