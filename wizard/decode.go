package wizard

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
)

// DecodeBody reads a createInstances request body strictly, for
// `cocvm validate`, and checks it: syntax errors, unknown fields (with a
// suggestion when one is close: "InstanceSpec: unknown field; did you mean
// instanceSpec?"), values of the wrong JSON type, every rule of
// ValidateRequest (so maxCount above 100, and an explicit "maxCount": 0, are
// problems) — all of them, not just the first.
//
// It recovers where it can so the rules still see the rest of the body: a
// missing comma or an extra bracket is reported and read past; a field
// written with the wrong case or a small typo is reported and read as the
// field it resembles; fields wrapped in an extra object (the seed's
// primaryNetworkInterface.networkInterface) are reported and read where they
// belong; a security group given as a bare string is reported and read as
// its groupId. A rule is not reported for a field whose value could not be
// read at all, since that problem is already listed.
//
// Problems from the syntax and the structure of the body come first, in the
// order they appear in it, then the rules in the order of the fields. Every
// problem about something present in the body carries its Position. The
// draft has no Region (a body does not say it).
func DecodeBody(data []byte) (Draft, []Problem) {
	root, syntax := parseJSON(data)
	d := &decoder{explicit: map[string]bool{}, pos: map[string]Position{}}
	for _, s := range syntax {
		d.problems = append(d.problems, Problem{Path: s.path, Message: s.msg, Pos: s.pos})
	}
	var req apiclient.CreateInstancesRequest
	isObject := root != nil && root.kind == jsonObject
	switch {
	case isObject:
		d.members(root.members, "", "", requestDefs(&req))
	case root != nil && root.kind != jsonInvalid:
		d.problems = append(d.problems, Problem{Pos: root.pos,
			Message: "the body must be a JSON object {\"instanceSpec\": ...}, not " + root.kind.String()})
	}
	slices.SortStableFunc(d.problems, func(a, b Problem) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Column - b.Pos.Column
	})
	draft := RequestToDraft("", req)
	if !isObject {
		return draft, d.problems
	}
	v := validator{d: draft, single: true, explicit: func(path string) bool { return d.explicit[path] }}
	v.run()
	out := d.problems
	for _, p := range v.out {
		if d.covered(p.Path) {
			continue
		}
		p.Pos = d.pos[p.Path]
		out = append(out, p)
	}
	return draft, out
}

// decoder walks the parsed body into the wire types. Paths come in two
// kinds: src is the path as written in the body (what a person searches
// for), canon the path of the field it was read as (what the rules use).
type decoder struct {
	problems []Problem
	// unusable are canonical paths whose values could not be read; rules
	// about them or below them would only repeat the problem.
	unusable []string
	// explicit holds canonical paths of integers written as 0.
	explicit map[string]bool
	// pos holds the position of every value read, by canonical path.
	pos map[string]Position
}

func (d *decoder) problem(path string, pos Position, msg string) {
	d.problems = append(d.problems, Problem{Path: path, Message: msg, Pos: pos})
}

func (d *decoder) covered(path string) bool {
	for _, u := range d.unusable {
		if pathUnder(path, u) {
			return true
		}
	}
	return false
}

// fieldDef is one field of a JSON object and how to read its value.
type fieldDef struct {
	name   string
	decode func(d *decoder, v *jsonValue, src, canon string)
}

// Field definitions of each object of the body, in table order. Each takes
// the value to fill.

func requestDefs(r *apiclient.CreateInstancesRequest) []fieldDef {
	return []fieldDef{
		{"instanceSpec", func(d *decoder, v *jsonValue, src, canon string) {
			d.object(v, src, canon, specDefs(&r.InstanceSpec))
		}},
		{"maxCount", intField(&r.MaxCount)},
		{"clientToken", strField(&r.ClientToken)},
	}
}

func specDefs(s *apiclient.InstanceSpec) []fieldDef {
	return []fieldDef{
		{"az", strField(&s.Az)},
		{"instanceType", strField(&s.InstanceType)},
		{"imageId", strField(&s.ImageID)},
		{"name", strField(&s.Name)},
		{"password", strField(&s.Password)},
		{"keyName", strField(&s.KeyName)},
		{"passwordAuth", strField(&s.PasswordAuth)},
		{"elasticIpSpec", func(d *decoder, v *jsonValue, src, canon string) {
			e := new(apiclient.ElasticIPSpec)
			if d.object(v, src, canon, eipDefs(e)) {
				s.ElasticIPSpec = e
			}
		}},
		{"primaryNetworkInterface", func(d *decoder, v *jsonValue, src, canon string) {
			d.object(v, src, canon, nicDefs(&s.PrimaryNetworkInterface))
		}},
		{"systemDisk", func(d *decoder, v *jsonValue, src, canon string) {
			d.object(v, src, canon, diskDefs(&s.SystemDisk))
		}},
		{"dataDisks", func(d *decoder, v *jsonValue, src, canon string) {
			s.DataDisks = listField(d, v, src, canon, s.DataDisks, func(e *jsonValue, src, canon string) apiclient.InstanceDiskAttachmentSpec {
				var disk apiclient.InstanceDiskAttachmentSpec
				d.object(e, src, canon, diskDefs(&disk))
				return disk
			})
		}},
		{"charge", func(d *decoder, v *jsonValue, src, canon string) {
			c := new(apiclient.ChargeSpec)
			if d.object(v, src, canon, chargeDefs(c)) {
				s.Charge = c
			}
		}},
	}
}

func chargeDefs(c *apiclient.ChargeSpec) []fieldDef {
	return []fieldDef{
		{"chargeMode", strField(&c.ChargeMode)},
		{"chargeUnit", strField(&c.ChargeUnit)},
		{"chargeDuration", intField(&c.ChargeDuration)},
		{"autoRenew", boolField(&c.AutoRenew)},
	}
}

func diskDefs(disk *apiclient.InstanceDiskAttachmentSpec) []fieldDef {
	return []fieldDef{
		{"diskType", strField(&disk.DiskType)},
		{"diskSizeGB", intField(&disk.DiskSizeGB)},
	}
}

func nicDefs(n *apiclient.NetworkInterfaceSpec) []fieldDef {
	return []fieldDef{
		{"vpcId", strField(&n.VpcID)},
		{"subnetId", strField(&n.SubnetID)},
		{"ip", strField(&n.IP)},
		{"securityGroups", func(d *decoder, v *jsonValue, src, canon string) {
			n.SecurityGroups = listField(d, v, src, canon, n.SecurityGroups, func(e *jsonValue, src, canon string) apiclient.SecurityGroupCreate {
				var g apiclient.SecurityGroupCreate
				if e.kind == jsonString {
					// The seed's example lists bare ids; read one as the
					// groupId it obviously is.
					d.pos[canon] = e.pos
					d.pos[canon+".groupId"] = e.pos
					d.problem(src, e.pos, "expected an object, got a string; write {\"groupId\": "+strconv.Quote(e.text)+"}")
					g.GroupID = e.text
					return g
				}
				d.object(e, src, canon, sgDefs(&g))
				return g
			})
		}},
	}
}

func sgDefs(g *apiclient.SecurityGroupCreate) []fieldDef {
	return []fieldDef{
		{"groupId", strField(&g.GroupID)},
		{"groupName", strField(&g.GroupName)},
	}
}

func eipDefs(e *apiclient.ElasticIPSpec) []fieldDef {
	return []fieldDef{
		{"sizeMbps", intField(&e.SizeMbps)},
		{"provider", strField(&e.Provider)},
		{"chargeMode", strField(&e.ChargeMode)},
		{"chargePlan", strField(&e.ChargePlan)},
		{"chargeUnit", strField(&e.ChargeUnit)},
		{"chargeDuration", intField(&e.ChargeDuration)},
	}
}

// fieldHomes says where each field of the body lives, for "unknown field
// here; vpcId belongs in instanceSpec.primaryNetworkInterface".
// It is a function, not a table, because the field definitions refer back
// to the code that uses it.
func fieldHomes() []fieldHome {
	return []fieldHome{
		{"", "the top level, next to instanceSpec", defNames(requestDefs(new(apiclient.CreateInstancesRequest)))},
		{PathSpec, PathSpec, defNames(specDefs(new(apiclient.InstanceSpec)))},
		{PathEIP, PathEIP, defNames(eipDefs(new(apiclient.ElasticIPSpec)))},
		{PathNetwork, PathNetwork, defNames(nicDefs(new(apiclient.NetworkInterfaceSpec)))},
		{PathSecurityGroups, "each item of " + PathSecurityGroups, defNames(sgDefs(new(apiclient.SecurityGroupCreate)))},
		{PathSystemDisk, PathSystemDisk + " and each item of " + PathDataDisks, defNames(diskDefs(new(apiclient.InstanceDiskAttachmentSpec)))},
		{PathCharge, PathCharge, defNames(chargeDefs(new(apiclient.ChargeSpec)))},
	}
}

type fieldHome struct {
	canon, label string
	names        []string
}

func defNames(defs []fieldDef) []string {
	names := make([]string, len(defs))
	for i, f := range defs {
		names[i] = f.name
	}
	return names
}

// homeOf names where else a field called key belongs, or "".
func homeOf(key, canon string) string {
	var homes []string
	for _, h := range fieldHomes() {
		if h.canon == canonShape(canon) {
			continue
		}
		for _, n := range h.names {
			if n == key {
				homes = append(homes, h.label)
			}
		}
	}
	return strings.Join(homes, " or ")
}

// canonShape drops list indexes and maps the data disks onto the system
// disk, so a path can be compared with fieldHomes.
func canonShape(canon string) string {
	var b strings.Builder
	for i := 0; i < len(canon); i++ {
		if canon[i] == '[' {
			for i < len(canon) && canon[i] != ']' {
				i++
			}
			continue
		}
		b.WriteByte(canon[i])
	}
	s := b.String()
	if s == PathDataDisks {
		return PathSystemDisk
	}
	return s
}

// object reads an object's fields with defs. It reports whether the value
// was an object (null, a syntax error or another type give false).
func (d *decoder) object(v *jsonValue, src, canon string, defs []fieldDef) bool {
	d.pos[canon] = v.pos
	switch v.kind {
	case jsonObject:
		d.members(v.members, src, canon, defs)
		return true
	case jsonNull:
		return false
	case jsonInvalid:
		d.unusable = append(d.unusable, canon)
		return false
	}
	d.typeProblem(v, src, canon, "an object")
	return false
}

func (d *decoder) typeProblem(v *jsonValue, src, canon, want string) {
	d.unusable = append(d.unusable, canon)
	d.problem(src, v.pos, "expected "+want+", got "+v.kind.String())
}

func findDef(defs []fieldDef, name string) int {
	for i, f := range defs {
		if f.name == name {
			return i
		}
	}
	return -1
}

// members reads the members of one object against its field definitions.
func (d *decoder) members(ms []jsonMember, src, canon string, defs []fieldDef) {
	// The last of several members with one name wins, as with
	// encoding/json; the others are reported.
	last := map[string]int{}
	for i, m := range ms {
		if findDef(defs, m.key) < 0 {
			continue
		}
		if j, dup := last[m.key]; dup {
			d.problem(joinKey(src, m.key), ms[j].keyPos, "given twice; this value is ignored in favour of the one at "+
				m.keyPos.String())
		}
		last[m.key] = i
	}
	taken := map[string]bool{}
	for name := range last {
		taken[name] = true
	}
	for i, m := range ms {
		msrc := joinKey(src, m.key)
		if k := findDef(defs, m.key); k >= 0 {
			if last[m.key] == i {
				defs[k].decode(d, m.value, msrc, joinKey(canon, m.key))
			}
			continue
		}
		if k := suggestField(m.key, defs); k >= 0 {
			name := defs[k].name
			if taken[name] {
				d.problem(msrc, m.keyPos, "unknown field; did you mean "+name+"? ("+name+" is also given, so this one is ignored)")
				continue
			}
			d.problem(msrc, m.keyPos, "unknown field; did you mean "+name+"?")
			taken[name] = true
			defs[k].decode(d, m.value, msrc, joinKey(canon, name))
			continue
		}
		if names := nestedFields(m.value, defs, taken); names != nil {
			where := canon
			if where == "" {
				where = "the top level"
			}
			d.problem(msrc, m.keyPos, "unknown field; "+joinWords(names)+" belong directly in "+where+
				", not nested in "+m.key)
			for _, n := range names {
				taken[n] = true
			}
			d.members(m.value.members, msrc, canon, defs)
			continue
		}
		if home := homeOf(m.key, canon); home != "" {
			d.problem(msrc, m.keyPos, "unknown field here; "+m.key+" belongs in "+home)
			continue
		}
		d.problem(msrc, m.keyPos, "unknown field; expected one of "+strings.Join(defNames(defs), ", "))
	}
}

// nestedFields recognises fields wrapped in an extra object: v is an object
// at least half of whose members are fields of defs that are not given
// directly. It returns those field names, or nil.
func nestedFields(v *jsonValue, defs []fieldDef, taken map[string]bool) []string {
	if v.kind != jsonObject || len(v.members) == 0 {
		return nil
	}
	var names []string
	for _, m := range v.members {
		k := findDef(defs, m.key)
		if k < 0 {
			k = suggestField(m.key, defs)
		}
		if k < 0 {
			continue
		}
		if taken[defs[k].name] {
			return nil
		}
		names = append(names, defs[k].name)
	}
	if len(names) == 0 || 2*len(names) < len(v.members) {
		return nil
	}
	return names
}

func joinWords(ws []string) string {
	switch len(ws) {
	case 1:
		return ws[0]
	case 2:
		return ws[0] + " and " + ws[1]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// suggestField finds the field a mistyped name most likely meant: the same
// name ignoring case, '_' and '-' (InstanceSpec, image_id), or failing that
// the one unique closest name within a small edit distance.
func suggestField(key string, defs []fieldDef) int {
	norm := normalizeName(key)
	for i, f := range defs {
		if normalizeName(f.name) == norm {
			return i
		}
	}
	best, bestDist, tie := -1, 3, false
	for i, f := range defs {
		dist := EditDistance(norm, normalizeName(f.name))
		if dist*3 > len(f.name) {
			continue // too different for a name this short
		}
		switch {
		case dist < bestDist:
			best, bestDist, tie = i, dist, false
		case dist == bestDist:
			tie = true
		}
	}
	if tie {
		return -1
	}
	return best
}

func normalizeName(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer("_", "", "-", "", " ", "").Replace(s)
}

// EditDistance is the Levenshtein distance between two short strings (as
// used for "did you mean" suggestions); strings over 64 runes are far apart.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20 // far too long to be a typo of a field name
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func strField(dst *string) func(d *decoder, v *jsonValue, src, canon string) {
	return func(d *decoder, v *jsonValue, src, canon string) {
		d.pos[canon] = v.pos
		switch v.kind {
		case jsonString:
			*dst = v.text
		case jsonNull:
		case jsonInvalid:
			d.unusable = append(d.unusable, canon)
		default:
			d.typeProblem(v, src, canon, "a string")
		}
	}
}

func boolField(dst *bool) func(d *decoder, v *jsonValue, src, canon string) {
	return func(d *decoder, v *jsonValue, src, canon string) {
		d.pos[canon] = v.pos
		switch v.kind {
		case jsonBool:
			*dst = v.b
		case jsonNull:
		case jsonInvalid:
			d.unusable = append(d.unusable, canon)
		case jsonString:
			if v.text == "true" || v.text == "false" {
				d.unusable = append(d.unusable, canon)
				d.problem(src, v.pos, "expected true or false, got a string; write "+v.text+" without quotes")
				return
			}
			d.typeProblem(v, src, canon, "true or false")
		default:
			d.typeProblem(v, src, canon, "true or false")
		}
	}
}

// intField reads an Integer of the API (32 bits, as the API's Java
// Integer), recording an explicit 0 so the rules can tell it from absent.
func intField(dst *int) func(d *decoder, v *jsonValue, src, canon string) {
	return func(d *decoder, v *jsonValue, src, canon string) {
		d.pos[canon] = v.pos
		switch v.kind {
		case jsonNumber:
			if strings.ContainsAny(v.text, ".eE") {
				d.unusable = append(d.unusable, canon)
				d.problem(src, v.pos, "expected a whole number, got "+v.text)
				return
			}
			n, err := strconv.ParseInt(v.text, 10, 32)
			if err != nil {
				d.unusable = append(d.unusable, canon)
				d.problem(src, v.pos, "the number "+v.text+" is too large")
				return
			}
			*dst = int(n)
			if n == 0 {
				d.explicit[canon] = true
			}
		case jsonNull:
		case jsonInvalid:
			d.unusable = append(d.unusable, canon)
		case jsonString:
			if _, err := strconv.ParseInt(v.text, 10, 32); err == nil {
				d.unusable = append(d.unusable, canon)
				d.problem(src, v.pos, "expected a whole number, got a string; write "+v.text+" without quotes")
				return
			}
			d.typeProblem(v, src, canon, "a whole number")
		default:
			d.typeProblem(v, src, canon, "a whole number")
		}
	}
}

// listField reads a list with one element reader. A single object where a
// list belongs is reported and read as a list of one.
func listField[T any](d *decoder, v *jsonValue, src, canon string, dst []T,
	elem func(e *jsonValue, src, canon string) T) []T {
	d.pos[canon] = v.pos
	switch v.kind {
	case jsonArray:
		out := make([]T, 0, len(v.elems))
		for i, e := range v.elems {
			out = append(out, elem(e, joinIndex(src, i), joinIndex(canon, i)))
		}
		return out
	case jsonNull:
		return dst
	case jsonInvalid:
		d.unusable = append(d.unusable, canon)
		return dst
	case jsonObject:
		d.problem(src, v.pos, "expected a list, got an object; put it in [ ]")
		return []T{elem(v, joinIndex(src, 0), joinIndex(canon, 0))}
	}
	d.typeProblem(v, src, canon, "a list")
	return dst
}
