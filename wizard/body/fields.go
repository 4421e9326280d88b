package body

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// decoder walks a well-formed document into the wire types, against the
// fields of the seed's tables.
type decoder struct {
	*doc
	// problems are found mostly in the order of the text; at is the offset
	// of each, -1 for none.
	problems []wizard.Problem
	at       []int
	// unusable holds canonical paths whose values could not be read; rules
	// about them or below them would only repeat the problem.
	unusable map[string]bool
	// zeros holds canonical paths of integers written as 0.
	zeros map[string]bool
	// offs holds the offset of every object and list read, and of every
	// other value read under another path than it is written at, by
	// canonical path. A value read where it is written is found from its
	// parent when a problem needs its place (Body.offset): a body may hold
	// a hundred thousand values, and only a few have problems.
	offs map[string]int
}

func (d *decoder) problem(path string, off int, msg apiclient.Text) {
	d.problems = append(d.problems, wizard.Problem{Path: path, Message: msg})
	d.at = append(d.at, off)
}

// place names a value being read: the paths of its parent as written in
// the body (src, what a person searches for) and as read (canon, what the
// rules use), and its own key (or "[i]") in each. Paths are joined only
// when needed.
type place struct {
	srcParent, canonParent, srcName, canonName string
}

func (p place) src() string   { return joinKey(p.srcParent, p.srcName) }
func (p place) canon() string { return joinKey(p.canonParent, p.canonName) }

// moved reports whether the value is read under another path than it is
// written at (a near-miss key, an extra wrapper object...).
func (p place) moved() bool {
	return p.srcName != p.canonName || p.srcParent != p.canonParent
}

// leaf records where a value that is not an object or a list is, when its
// parent alone will not tell.
func (d *decoder) leaf(v int, at place) {
	if at.moved() {
		d.offs[at.canon()] = v
	}
}

func (d *decoder) typeProblem(v int, at place, want apiclient.Text) {
	d.unusable[at.canon()] = true
	d.problem(at.src(), v, apiclient.T("expected %v, got %v", want, d.kind(v).text()))
}

// fieldDef is one field of a JSON object and where its value goes: a
// string, a whole number or true/false (pointers, so that a list of ten
// thousand security groups makes no closures), or anything else read by
// decode.
type fieldDef struct {
	name   string
	str    *string
	num    *int
	flag   *bool
	decode func(d *decoder, v int, at place)
}

func str(name string, dst *string) fieldDef { return fieldDef{name: name, str: dst} }
func num(name string, dst *int) fieldDef    { return fieldDef{name: name, num: dst} }
func flag(name string, dst *bool) fieldDef  { return fieldDef{name: name, flag: dst} }
func sub(name string, decode func(d *decoder, v int, at place)) fieldDef {
	return fieldDef{name: name, decode: decode}
}

func (f fieldDef) read(d *decoder, v int, at place) {
	switch {
	case f.str != nil:
		d.readString(v, at, f.str)
	case f.num != nil:
		d.readInt(v, at, f.num)
	case f.flag != nil:
		d.readBool(v, at, f.flag)
	default:
		f.decode(d, v, at)
	}
}

// Field definitions of each object of the body, in table order. Each takes
// the value to fill.

func requestDefs(r *apiclient.CreateInstancesRequest) []fieldDef {
	return []fieldDef{
		specDef(&r.InstanceSpec),
		num("maxCount", &r.MaxCount),
		str("clientToken", &r.ClientToken),
	}
}

func specDef(s *apiclient.InstanceSpec) fieldDef {
	return sub("instanceSpec", func(d *decoder, v int, at place) {
		d.object(v, at, specDefs(s))
	})
}

func specDefs(s *apiclient.InstanceSpec) []fieldDef {
	return []fieldDef{
		str("az", &s.Az),
		str("instanceType", &s.InstanceType),
		str("imageId", &s.ImageID),
		str("name", &s.Name),
		str("password", &s.Password),
		str("keyName", &s.KeyName),
		str("passwordAuth", &s.PasswordAuth),
		sub("elasticIpSpec", func(d *decoder, v int, at place) {
			e := new(apiclient.ElasticIPSpec)
			if d.object(v, at, eipDefs(e)) {
				s.ElasticIPSpec = e
			}
		}),
		sub("primaryNetworkInterface", func(d *decoder, v int, at place) {
			d.object(v, at, nicDefs(&s.PrimaryNetworkInterface))
		}),
		sub("systemDisk", func(d *decoder, v int, at place) {
			d.object(v, at, diskDefs(&s.SystemDisk))
		}),
		sub("dataDisks", func(d *decoder, v int, at place) {
			s.DataDisks = listField(d, v, at, s.DataDisks, func(e int, at place, disk *apiclient.InstanceDiskAttachmentSpec) {
				d.object(e, at, diskDefs(disk))
			})
		}),
		sub("charge", func(d *decoder, v int, at place) {
			c := new(apiclient.ChargeSpec)
			if d.object(v, at, chargeDefs(c)) {
				s.Charge = c
			}
		}),
	}
}

func chargeDefs(c *apiclient.ChargeSpec) []fieldDef {
	return []fieldDef{
		str("chargeMode", &c.ChargeMode),
		str("chargeUnit", &c.ChargeUnit),
		num("chargeDuration", &c.ChargeDuration),
		flag("autoRenew", &c.AutoRenew),
	}
}

func diskDefs(disk *apiclient.InstanceDiskAttachmentSpec) []fieldDef {
	return []fieldDef{
		str("diskType", &disk.DiskType),
		num("diskSizeGB", &disk.DiskSizeGB),
	}
}

func nicDefs(n *apiclient.NetworkInterfaceSpec) []fieldDef {
	return []fieldDef{
		str("vpcId", &n.VpcID),
		str("subnetId", &n.SubnetID),
		str("ip", &n.IP),
		sub("securityGroups", func(d *decoder, v int, at place) {
			n.SecurityGroups = listField(d, v, at, n.SecurityGroups, func(e int, at place, g *apiclient.SecurityGroupCreate) {
				if d.kind(e) == kindString {
					// The seed's example lists bare ids; read one as the
					// groupId it obviously is.
					g.GroupID = d.str(e)
					canon := at.canon()
					d.offs[canon] = e
					d.offs[canon+".groupId"] = e
					d.problem(at.src(), e, apiclient.T(`expected an object, got a string; write {"groupId": %q}`, g.GroupID))
					return
				}
				d.object(e, at, sgDefs(g))
			})
		}),
	}
}

func sgDefs(g *apiclient.SecurityGroupCreate) []fieldDef {
	return []fieldDef{
		str("groupId", &g.GroupID),
		str("groupName", &g.GroupName),
	}
}

func eipDefs(e *apiclient.ElasticIPSpec) []fieldDef {
	return []fieldDef{
		num("sizeMbps", &e.SizeMbps),
		str("provider", &e.Provider),
		str("chargeMode", &e.ChargeMode),
		str("chargePlan", &e.ChargePlan),
		str("chargeUnit", &e.ChargeUnit),
		num("chargeDuration", &e.ChargeDuration),
	}
}

type fieldHome struct {
	canon string
	label any // a path, or an apiclient.Text
	names []string
}

var (
	homesOnce sync.Once
	homes     []fieldHome
	// lowerNames are the field names in lower case, and homesOf the homes
	// of each name: made once rather than for every unknown key.
	lowerNames map[string]string
	homesOf    map[string][]fieldHome
)

// fieldHomes says where each field of the body lives, for "unknown field
// here; vpcId belongs in instanceSpec.primaryNetworkInterface". It is built
// once, from the definitions themselves.
func fieldHomes() []fieldHome {
	homesOnce.Do(func() {
		homes = buildHomes()
		lowerNames = map[string]string{}
		homesOf = map[string][]fieldHome{}
		for _, h := range homes {
			for _, n := range h.names {
				lowerNames[n] = strings.ToLower(n)
				homesOf[n] = append(homesOf[n], h)
			}
		}
	})
	return homes
}

func buildHomes() []fieldHome {
	return []fieldHome{
		{"", apiclient.T("the top level, next to instanceSpec"), defNames(requestDefs(new(apiclient.CreateInstancesRequest)))},
		{wizard.PathSpec, wizard.PathSpec, defNames(specDefs(new(apiclient.InstanceSpec)))},
		{wizard.PathEIP, wizard.PathEIP, defNames(eipDefs(new(apiclient.ElasticIPSpec)))},
		{wizard.PathNetwork, wizard.PathNetwork, defNames(nicDefs(new(apiclient.NetworkInterfaceSpec)))},
		{wizard.PathSecurityGroups, apiclient.T("each item of %s", wizard.PathSecurityGroups), defNames(sgDefs(new(apiclient.SecurityGroupCreate)))},
		{wizard.PathSystemDisk, apiclient.T("%s and each item of %s", wizard.PathSystemDisk, wizard.PathDataDisks), defNames(diskDefs(new(apiclient.InstanceDiskAttachmentSpec)))},
		{wizard.PathCharge, wizard.PathCharge, defNames(chargeDefs(new(apiclient.ChargeSpec)))},
	}
}

func defNames(defs []fieldDef) []string {
	names := make([]string, len(defs))
	for i, f := range defs {
		names[i] = f.name
	}
	return names
}

// homeOf names where else a field called key belongs (a path, or words),
// or nil.
func homeOf(key, canon string) any {
	fieldHomes()
	labels := homesOf[key]
	if len(labels) == 0 {
		return nil
	}
	shape := canonShape(canon)
	var out any
	for _, l := range labels {
		if l.canon == shape {
			continue
		}
		if out == nil {
			out = l.label
		} else {
			out = apiclient.T("%v or %v", out, l.label)
		}
	}
	return out
}

// canonShape drops list indexes and maps the data disks onto the system
// disk, so a path can be compared with fieldHomes.
func canonShape(canon string) string {
	if !strings.Contains(canon, "[") {
		return canon
	}
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
	if s == wizard.PathDataDisks {
		return wizard.PathSystemDisk
	}
	return s
}

// object reads an object's fields with defs. It reports whether the value
// was an object (null or another type give false).
func (d *decoder) object(v int, at place, defs []fieldDef) bool {
	canon := at.canon()
	d.offs[canon] = v
	switch d.kind(v) {
	case kindObject:
		src := canon
		if at.moved() {
			src = at.src()
		}
		d.fields(v, src, canon, defs)
		return true
	case kindNull:
		return false
	}
	d.typeProblem(v, at, apiclient.T("an object"))
	return false
}

func findDef(defs []fieldDef, m member) int {
	for i, f := range defs {
		if m.is(f.name) {
			return i
		}
	}
	return -1
}

// fields reads the members of the object at v against its definitions.
func (d *decoder) fields(v int, src, canon string, defs []fieldDef) {
	// The last of several members with one name wins, as with
	// encoding/json; the others are reported. A first pass finds the last
	// of each name (by the offset of its key; -1 for none), and keeps the
	// members of a small object for the second.
	var lastBuf [16]int
	var takenBuf [16]bool
	var keptBuf [24]member
	last, taken, kept := lastBuf[:0], takenBuf[:0], keptBuf[:0]
	for range defs {
		last, taken = append(last, -1), append(taken, false)
	}
	n := 0
	for m := range d.members(v) {
		n++
		if len(kept) < cap(kept) {
			kept = append(kept, m)
		}
		if k := findDef(defs, m); k >= 0 {
			if j := last[k]; j >= 0 {
				d.problem(joinKey(src, defs[k].name), j, apiclient.T("given twice; this value is ignored in favour of the one at %v",
					d.position(m.keyOff).Text()))
			}
			last[k], taken[k] = m.keyOff, true
		}
	}
	if n > len(defs) {
		// Some members are problems: make room for them at once (an
		// object of unknown keys may have a hundred thousand).
		d.problems = slices.Grow(d.problems, n-len(defs))
		d.at = slices.Grow(d.at, n-len(defs))
	}
	var expected apiclient.Text
	read := func(m member) {
		if k := findDef(defs, m); k >= 0 {
			if last[k] == m.keyOff {
				defs[k].read(d, m.valOff, place{src, canon, defs[k].name, defs[k].name})
			}
			return
		}
		key := m.text()
		msrc := joinKey(src, key)
		if k := suggestField(key, defs); k >= 0 {
			name := defs[k].name
			if taken[k] {
				d.problem(msrc, m.keyOff, apiclient.T("unknown field; did you mean %s? (%[1]s is also given, so this one is ignored)", name))
				return
			}
			d.problem(msrc, m.keyOff, apiclient.T("unknown field; did you mean %s?", name))
			taken[k] = true
			defs[k].read(d, m.valOff, place{src, canon, key, name})
			return
		}
		if ks := d.nestedFields(m.valOff, defs, taken); ks != nil {
			var where any = canon
			if canon == "" {
				where = apiclient.T("the top level")
			}
			names := make([]string, len(ks))
			for i, k := range ks {
				names[i] = defs[k].name
				taken[k] = true
			}
			d.problem(msrc, m.keyOff, apiclient.T("unknown field; %v belong directly in %v, not nested in %s", joinWords(names), where, key))
			d.fields(m.valOff, msrc, canon, defs)
			return
		}
		if home := homeOf(key, canon); home != nil {
			d.problem(msrc, m.keyOff, apiclient.T("unknown field here; %s belongs in %v", key, home))
			return
		}
		if expected.IsZero() {
			expected = apiclient.T("unknown field; expected one of %s", strings.Join(defNames(defs), ", "))
		}
		d.problem(msrc, m.keyOff, expected)
	}
	if n <= len(kept) {
		for _, m := range kept {
			read(m)
		}
		return
	}
	for m := range d.members(v) { // too many to keep: read them again
		read(m)
	}
}

// nestedFields recognises fields wrapped in an extra object (the seed's
// primaryNetworkInterface.networkInterface): v is an object at least half of
// whose members are fields of defs that are not given directly. It returns
// the indexes of those fields in defs, or nil.
func (d *decoder) nestedFields(v int, defs []fieldDef, taken []bool) []int {
	if d.kind(v) != kindObject {
		return nil
	}
	var ks []int
	n := 0
	for m := range d.members(v) {
		n++
		k := findDef(defs, m)
		if k < 0 {
			k = suggestField(m.text(), defs)
		}
		if k < 0 {
			continue
		}
		if taken[k] {
			return nil
		}
		ks = append(ks, k)
	}
	if len(ks) == 0 || 2*len(ks) < n {
		return nil
	}
	return ks
}

// joinWords is "a", "a and b" or "a, b and c", said in the person's
// language.
func joinWords(ws []string) any {
	if len(ws) == 1 {
		return ws[0]
	}
	var head any = ws[0]
	for _, w := range ws[1 : len(ws)-1] {
		head = apiclient.T("%v, %v", head, w)
	}
	return apiclient.T("%v and %v", head, ws[len(ws)-1])
}

// suggestField finds the field a mistyped name most likely meant: the same
// name ignoring case, '_' and '-' (InstanceSpec, image_id), or failing that
// the one unique closest name within a small edit distance.
func suggestField(key string, defs []fieldDef) int {
	if len(key) > 64 {
		return -1 // far too long to be a typo of a field name
	}
	norm := normalizeName(key)
	for i, f := range defs {
		if strings.EqualFold(f.name, norm) { // field names hold no '_' or '-'
			return i
		}
	}
	best, bestDist, tie := -1, 3, false
	for i, f := range defs {
		// At most 2 edits, and fewer for a short name: a third of its
		// length. Two cheap bounds rule most keys out first: every
		// character more or fewer is an edit, and so is every character
		// the name does not have.
		limit := min(2, len(f.name)/3)
		if max(len(norm)-len(f.name), len(f.name)-len(norm)) > limit || strangers(norm, f.name) > limit {
			continue
		}
		dist, ok := wizard.EditDistanceWithin(norm, lowerName(f.name), limit)
		if !ok {
			continue
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

var nameNoise = strings.NewReplacer("_", "", "-", "", " ", "")

// strangers counts the bytes of key (in lower case) that name does not hold
// in either case.
func strangers(key, name string) int {
	n := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		if strings.IndexByte(name, c) < 0 && ('a' > c || c > 'z' || strings.IndexByte(name, c-'a'+'A') < 0) {
			n++
		}
	}
	return n
}

func normalizeName(s string) string {
	return nameNoise.Replace(strings.ToLower(s))
}

func lowerName(name string) string {
	fieldHomes()
	if l, ok := lowerNames[name]; ok {
		return l
	}
	return strings.ToLower(name) // a field of DecodeWith's
}

// joinKey appends a key, or an index "[i]", to a path.
func joinKey(path, key string) string {
	if path == "" || strings.HasPrefix(key, "[") {
		return path + key
	}
	return path + "." + key
}

func (d *decoder) readString(v int, at place, dst *string) {
	d.leaf(v, at)
	switch d.kind(v) {
	case kindString:
		*dst = d.str(v)
	case kindNull:
	default:
		d.typeProblem(v, at, apiclient.T("a string"))
	}
}

func (d *decoder) readBool(v int, at place, dst *bool) {
	d.leaf(v, at)
	switch d.kind(v) {
	case kindBool:
		*dst = d.data[v] == 't'
	case kindNull:
	case kindString:
		if s := d.str(v); s == "true" || s == "false" {
			d.unusable[at.canon()] = true
			d.problem(at.src(), v, apiclient.T("expected true or false, got a string; write %s without quotes", s))
			return
		}
		d.typeProblem(v, at, apiclient.T("true or false"))
	default:
		d.typeProblem(v, at, apiclient.T("true or false"))
	}
}

// readInt reads an Integer of the API (32 bits, as the API's Java
// Integer), recording an explicit 0 so the rules can tell it from absent.
func (d *decoder) readInt(v int, at place, dst *int) {
	d.leaf(v, at)
	bad := func(msg apiclient.Text) {
		d.unusable[at.canon()] = true
		d.problem(at.src(), v, msg)
	}
	switch d.kind(v) {
	case kindNumber:
		text := d.literal(v)
		if strings.ContainsAny(text, ".eE") {
			bad(apiclient.T("expected a whole number, got %s", text))
			return
		}
		n, err := strconv.ParseInt(text, 10, 32)
		if err != nil {
			bad(apiclient.T("the number %s is too large", text))
			return
		}
		*dst = int(n)
		if n == 0 {
			d.zeros[at.canon()] = true
		}
	case kindNull:
	case kindString:
		if s := d.str(v); len(s) < 12 {
			if _, err := strconv.ParseInt(s, 10, 32); err == nil {
				bad(apiclient.T("expected a whole number, got a string; write %s without quotes", s))
				return
			}
		}
		d.typeProblem(v, at, apiclient.T("a whole number"))
	default:
		d.typeProblem(v, at, apiclient.T("a whole number"))
	}
}

// listField reads a list, each element into a T with elem. A single object
// where a list belongs is reported and read as a list of one.
func listField[T any](d *decoder, v int, at place, dst []T, elem func(e int, at place, into *T)) []T {
	canon := at.canon()
	d.offs[canon] = v
	src := canon
	if at.moved() {
		src = at.src()
	}
	switch d.kind(v) {
	case kindArray:
		n := 0
		for range d.elems(v) {
			n++
		}
		out := make([]T, n)
		i := 0
		for e := range d.elems(v) {
			index := "[" + strconv.Itoa(i) + "]"
			elem(e, place{src, canon, index, index}, &out[i])
			i++
		}
		return out
	case kindNull:
		return dst
	case kindObject:
		d.problem(src, v, apiclient.T("expected a list, got an object; put it in [ ]"))
		out := make([]T, 1)
		elem(v, place{src, canon, "[0]", "[0]"}, &out[0])
		return out
	}
	d.typeProblem(v, at, apiclient.T("a list"))
	return dst
}
