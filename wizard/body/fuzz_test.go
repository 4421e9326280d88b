package body

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// FuzzDecode: any input gets an answer, the same one twice, with every
// problem worded and placed inside the input; a body read without a problem
// is exactly what encoding/json makes of it, keys matched strictly; and
// malformed JSON is never read without a problem.
func FuzzDecode(f *testing.F) {
	f.Add(readFile(f, "testdata/seed-example.txt"))
	for _, name := range []string{"minimal", "full", "split-1"} {
		f.Add(readFile(f, "../testdata/"+name+".json"))
	}
	for _, s := range []string{"", "{", "}", "[", `{"a":}`, `{"instanceSpec": {"dataDisks": [{}}]}}`, "'x'", "{/*",
		`"\u`, `{"x" 1 2}`, "\ufeff{}", `{"maxCount": 0, "maxCount": 1}`, `{"instanceSpec": {"ImageId": "x"}}`,
		"{\"clientToken\": \"\xff\"}", `{"clientToken": "\ud800"}`, `{"maxCount": -0}`, `{"instanceSpec": null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b1, b2 := Decode(data), Decode(data)
		p1, p2 := b1.Check(), b2.Check()
		if !reflect.DeepEqual(b1.Request, b2.Request) || !reflect.DeepEqual(p1, p2) {
			t.Fatalf("Decode is not deterministic on %q", data)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, p := range p1 {
			if p.Message.IsZero() {
				t.Fatalf("a problem without a message: %+v", p)
			}
			if !p.Pos.IsZero() && (p.Pos.Line < 1 || p.Pos.Line > lines || p.Pos.Column < 1) {
				t.Fatalf("problem %v is outside the body (%d lines)", p, lines)
			}
		}
		text := bytes.TrimPrefix(data, bom)
		if !json.Valid(text) && len(b1.Problems) == 0 {
			t.Fatalf("malformed JSON read without a problem: %q", data)
		}
		if len(b1.Problems) != 0 || !b1.object {
			return
		}
		var want apiclient.CreateInstancesRequest
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("read without a problem, but encoding/json says %v: %q", err, data)
		}
		if !reflect.DeepEqual(b1.Request, want) {
			t.Fatalf("read as\n  %+v\nencoding/json reads\n  %+v\nfrom %q", b1.Request, want, data)
		}
	})
}

// FuzzBuildRoundTrip builds drafts from fuzzed values: whenever Validate
// accepts one, every body Build makes must read back to the same request
// with no problem at all.
func FuzzBuildRoundTrip(f *testing.F) {
	var minimal apiclient.CreateInstancesRequest
	if err := json.Unmarshal(readFile(f, "../testdata/minimal.json"), &minimal); err != nil {
		f.Fatal(err)
	}
	f.Add("web-01", "Xk7!mPw9q", "", "", 1, 40, 20, 5, "month", 1, "cocvm-x")
	f.Add("db-主库.01", "", "ops-key", "10.0.1.12", 1, 60, 2000, 0, "year", 3, "")
	f.Add("fleet", "", "", "", 250, 0, 0, 200, "", 0, strings.Repeat("t", 64))
	f.Fuzz(func(t *testing.T, name, password, keyName, ip string, count, systemGB, dataGB, eipMbps int,
		unit string, duration int, token string) {
		d := wizard.RequestToDraft("cn-hongkong-11", minimal)
		d.Spec.Name = name
		d.Spec.Password = password
		d.Spec.KeyName = keyName
		d.Spec.PrimaryNetworkInterface.IP = ip
		d.Count = count % 1000
		d.Spec.SystemDisk.DiskSizeGB = systemGB
		if dataGB != 0 {
			d.Spec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.io1", DiskSizeGB: dataGB}}
		}
		if eipMbps != 0 {
			d.Spec.ElasticIPSpec = wizard.ElasticIP(eipMbps)
		}
		if unit != "" || duration != 0 {
			d.Spec.Charge = &apiclient.ChargeSpec{ChargeUnit: unit, ChargeDuration: duration}
		}
		d.ClientToken = token
		if ps := wizard.Validate(d, nil); len(ps) != 0 {
			return
		}
		for _, req := range wizard.Build(d) {
			b := Decode(wizard.Marshal(req))
			if ps := b.Check(); len(ps) != 0 {
				t.Fatalf("a valid draft's body has problems: %v\n%s", problemLines(ps), wizard.Marshal(wizard.Redact(req)))
			}
			if !reflect.DeepEqual(b.Request, req) {
				t.Fatalf("round trip:\n  got  %+v\n  want %+v", b.Request, req)
			}
		}
	})
}
