package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// The response examples of the published pages (testdata/pages, copied by
// hand) are what the client must read. Each is decoded with the client's
// types, refusing unknown fields, then encoded again: every value of the
// example must come back, so no field a page shows is left out of the types.

type envelopeOf[T any] struct {
	RequestID string `json:"requestId"`
	Result    T      `json:"result"`
}

var pageExamples = []struct {
	file string
	into func() any
}{
	{"createInstances.json", func() any { return new(envelopeOf[CreateInstancesResult]) }},
	{"describeInstances.json", func() any { return new(envelopeOf[DescribeInstancesResult]) }},
	{"describeInstance.json", func() any { return new(envelopeOf[DescribeInstanceResult]) }},
	{"describeInstanceTypes.json", func() any { return new(envelopeOf[DescribeInstanceTypesResult]) }},
	{"describeImages.json", func() any { return new(envelopeOf[DescribeImagesResult]) }},
	{"describeImage.json", func() any { return new(envelopeOf[DescribeImageResult]) }},
	{"describeKeypairs.json", func() any { return new(envelopeOf[DescribeKeypairsResult]) }},
	{"describeUsage.json", func() any { return new(envelopeOf[DescribeQuotaResult]) }},
	{"describeUsage.scenario2.json", func() any { return new(envelopeOf[DescribeQuotaResult]) }},
	{"vm-describeSubnets.json", func() any { return new(envelopeOf[DescribeSubnetsResult]) }},
	{"vm-describeImageConstraintsBatch.json", func() any { return new(envelopeOf[DescribeImageConstraintsResult]) }},
}

func readPage(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pages", file))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestPageExamplesAreReadWhole(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "pages", "*.json"))
	if len(files) != len(pageExamples) {
		t.Fatalf("%d example files, %d in the table: every file needs its type", len(files), len(pageExamples))
	}
	for _, ex := range pageExamples {
		t.Run(ex.file, func(t *testing.T) {
			data := readPage(t, ex.file)
			v := ex.into()
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(v); err != nil {
				t.Fatalf("the example does not decode into the client's types: %v", err)
			}
			again, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			var want, got any
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(again, &got); err != nil {
				t.Fatal(err)
			}
			if lost := unread(want, got, "$"); len(lost) > 0 {
				sort.Strings(lost)
				t.Errorf("fields of the example the types lose:\n%s", joinLines(lost))
			}
		})
	}
}

// unread lists the paths of want's values that got lacks or holds
// differently; keys got has beyond want are fine.
func unread(want, got any, path string) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: an object, re-encoded as %v", path, got)}
		}
		var out []string
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				out = append(out, path+"."+k+": missing")
				continue
			}
			out = append(out, unread(wv, gv, path+"."+k)...)
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: a list of %d, re-encoded as %v", path, len(w), got)}
		}
		var out []string
		for i := range w {
			out = append(out, unread(w[i], g[i], fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	}
	if !reflect.DeepEqual(want, got) {
		return []string{fmt.Sprintf("%s: %v, re-encoded as %v", path, want, got)}
	}
	return nil
}

func joinLines(s []string) string {
	var b bytes.Buffer
	for _, l := range s {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

// servePage answers every request with one page's example.
func servePage(t *testing.T, file string) *testClient {
	t.Helper()
	data := readPage(t, file)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(data)
	})
	return newTestClient(t, Config{Endpoint: api.URL})
}

// TestPageExamplesThroughTheClient: the client's calls read each example
// with nothing skipped and the values where the callers look for them.
func TestPageExamplesThroughTheClient(t *testing.T) {
	ctx := context.Background()

	types, err := servePage(t, "describeInstanceTypes.json").ListInstanceTypes(ctx, region, "")
	if err != nil || len(types.Items) != 2 || len(types.Skipped) != 0 || types.Items[1].State[1].InStock || types.Items[1].MemoryMB != 26624 {
		t.Errorf("describeInstanceTypes: %+v %v", types, err)
	}

	images, err := servePage(t, "describeImages.json").ListImages(ctx, region, "public", "")
	if err != nil || len(images.Items) != 2 || len(images.Skipped) != 0 || images.Items[0].SizeMB != 2494 || images.Items[0].CreateTime != "2021-01-28 16:49:05" {
		t.Errorf("describeImages: %+v %v", images, err)
	}

	image, err := servePage(t, "describeImage.json").DescribeImage(ctx, region, "img-m5s0****29")
	if err != nil || image.Name != "CentOS 8.2 64位" || image.OwnerPin != "admin" {
		t.Errorf("describeImage: %+v %v", image, err)
	}

	instances, err := servePage(t, "describeInstances.json").ListInstances(ctx, region, []string{"i-eumm****d6", "i-eumm****d2"})
	if err != nil || len(instances.Items) != 2 || len(instances.Skipped) != 0 {
		t.Fatalf("describeInstances: %+v %v", instances, err)
	}
	in := instances.Items[0]
	nic := in.PrimaryNetworkInterface
	if in.PrivateIPAddress != "127.0.0.1" || nic.Address() != "127.0.0.1" || len(nic.Groups()) != 1 || nic.Groups()[0].GroupName != "sfewfwe" ||
		in.SystemDisk.DiskID != "vol-u8r2****c1" || !in.SystemDisk.AutoDelete || in.HostName != "test1" || in.Charge.ChargeStatus != "normal" {
		t.Errorf("describeInstances item: %+v", in)
	}

	one, err := servePage(t, "describeInstance.json").DescribeInstance(ctx, region, "i-eumm****d2")
	if err != nil || one.InstanceID != "i-eumm****d2" || one.LaunchTime != "2021-07-19 20:33:17" {
		t.Errorf("describeInstance: %+v %v", one, err)
	}

	keys, err := servePage(t, "describeKeypairs.json").ListKeypairs(ctx, region)
	if err != nil || len(keys.Items) != 1 || keys.Items[0].KeyName != "test" {
		t.Errorf("describeKeypairs: %+v %v", keys, err)
	}

	q, err := servePage(t, "describeUsage.json").DescribeQuota(ctx, region)
	if err != nil || q.Limit != 100 || q.Used != 27 || q.Left() != 73 {
		t.Errorf("describeUsage: %+v %v", q, err)
	}
	// The route quota of scenario 2 belongs to a route table, not to us.
	qs, err := servePage(t, "describeUsage.scenario2.json").DescribeQuotas(ctx, region)
	if err != nil || qs.Instances != nil || qs.Disks != nil || qs.DiskGiB != nil || qs.ElasticIPs != nil {
		t.Errorf("describeUsage scenario 2: %+v %v", qs, err)
	}

	subnets, err := servePage(t, "vm-describeSubnets.json").ListSubnets(ctx, region, "vpc-xmgvmynmkj")
	if err != nil || len(subnets.Items) != 1 || subnets.Items[0].Az != "" || !subnets.Items[0].FitsZone("cn-north-1a") {
		t.Errorf("describeSubnets: %+v %v", subnets, err)
	}

	cons, err := servePage(t, "vm-describeImageConstraintsBatch.json").ListImageConstraints(ctx, region, []string{"img-m5s0****29", "img-m5s0****30"})
	if err != nil || len(cons.Items) != 2 || cons.Items[0].Constraint.ConstraintsType != ConstraintsExcludes || len(cons.Items[1].Constraint.InstanceTypes) != 4 {
		t.Errorf("describeImageConstraintsBatch: %+v %v", cons, err)
	}

	created, err := servePage(t, "createInstances.json").CreateInstances(ctx, region, CreateInstancesRequest{})
	if err != nil || len(created.InstanceIDs) != 1 || created.RequestID != "c2i8w4g6fiqocr2fetqf8ef59k1k4wir" {
		t.Errorf("createInstances: %+v %v", created, err)
	}
}
