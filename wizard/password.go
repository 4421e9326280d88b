package wizard

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cocvm/cocvm/apiclient"
)

// The password rules of the createInstances table, read as follows where the
// seed is ambiguous:
//
//   - Length 8..26 counts characters, not bytes (every allowed character is
//     ASCII, so the two agree for any password that is otherwise valid).
//   - "至少包含以下三项：1.数字 2.小写字母 3.大写字母，或特殊字符" lists three numbered
//     items, the third being "uppercase, or special". JD Cloud's general
//     parameter rules, the issue and the design sketch all say "3 of 4 groups"
//     (uppercase, lowercase, digits, special), so that is the rule here.
//   - The special characters are exactly the listed ones: !@$%^-_=+[{}]:,./?
//     Anything else (space, '#', '&', '*', non-ASCII...) is rejected with its
//     own message, because the server says only "Invalid password".
//   - "连续数字" (consecutive digits, e.g. 123, 987) means three or more digits
//     each one more, or each one less, than the one before. Two digits ("12")
//     and repeated digits ("111") are allowed; there is no wrap-around ("890"
//     is allowed).
//   - "连续字母" (consecutive letters, e.g. abc, CBA) is the same for letters,
//     case-insensitive and in either direction, so "aBc" and "CBA" both fail.
//     No wrap-around from z to a.
//   - "键位连续字母" (keyboard-consecutive letters, e.g. qaz, qwer) means three or
//     more letters that are neighbours along a row of a QWERTY keyboard
//     (qwertyuiop, asdfghjkl, zxcvbnm) or down one of its slanted columns
//     (qaz wsx edc rfv tgb yhn ujm; ik and ol have only two letters), in
//     either direction (rewq and zaq fail too, as CBA does for the alphabet),
//     case-insensitive. The seed's qaz is three long and qwer four, so three
//     is the threshold for both. Only letters count, as the seed says; digits
//     and symbols never extend a keyboard run.
//   - "不可包含用户名 Administrator 和 root 及逆序字符": the password must not contain
//     administrator, root, rotartsinimda or toor, case-insensitive.
//   - "不可包含 Administrator 中超过两个连续字符的部分": no three or more consecutive
//     characters of "Administrator" (adm, dmi, ... tor), case-insensitive.
//     Only forward fragments: the reverse rule above names the whole word.
//     Fragments inside a whole administrator/rotartsinimda are not reported
//     again.
//
// A run is reported once, at its full length ("qwer", not "qwe" and "wer").

const (
	passwordMinLen = 8
	passwordMaxLen = 26
	// PasswordSpecials are the special characters the seed allows.
	PasswordSpecials = "!@$%^-_=+[{}]:,./?"
)

// Character groups of the "3 of 4" rule, as bits.
const (
	groupUpper uint8 = 1 << iota
	groupLower
	groupDigit
	groupSpecial
)

// asciiGroup maps each ASCII byte to its group bit; 0 means not allowed.
var asciiGroup = func() (t [128]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = groupDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = groupLower
		t[c-'a'+'A'] = groupUpper
	}
	for i := 0; i < len(PasswordSpecials); i++ {
		t[PasswordSpecials[i]] = groupSpecial
	}
	return t
}()

// Keyboard directions between two letters.
const (
	keyNone int8 = iota
	keyRight
	keyLeft
	keyDown
	keyUp
)

// keyStep[a][b] is the direction from letter a to letter b on the keyboard.
var keyStep = func() (t [26][26]int8) {
	link := func(line string, fwd, back int8) {
		for i := 1; i < len(line); i++ {
			a, b := line[i-1]-'a', line[i]-'a'
			t[a][b] = fwd
			t[b][a] = back
		}
	}
	for _, row := range []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"} {
		link(row, keyRight, keyLeft)
	}
	for _, col := range []string{"qaz", "wsx", "edc", "rfv", "tgb", "yhn", "ujm", "ik", "ol"} {
		link(col, keyDown, keyUp)
	}
	return t
}()

// span is a byte range [start, end) of the password.
type span struct{ start, end int }

// maxSpans bounds what one analysis records per rule; 16 covers every run a
// 26-character password can hold (runs of 3 overlap by at most one).
const maxSpans = 16

type spanList struct {
	s [maxSpans]span
	n int // how many were found; may exceed maxSpans
}

func (l *spanList) add(start, end int) {
	if l.n < maxSpans {
		l.s[l.n] = span{start, end}
	}
	l.n++
}

func (l *spanList) list() []span { return l.s[:min(l.n, maxSpans)] }

// runTracker finds maximal runs of three or more characters in which every
// step between neighbours goes the same non-zero direction.
type runTracker struct {
	start int
	dir   int8
}

// step takes the direction d from byte i-1 to byte i.
func (t *runTracker) step(i int, d int8, out *spanList) {
	if d != 0 && d == t.dir {
		return
	}
	t.flush(i, out)
	if d != 0 {
		t.start, t.dir = i-1, d
	} else {
		t.dir = 0
	}
}

// flush closes the current run, which ends before byte i.
func (t *runTracker) flush(i int, out *spanList) {
	if t.dir != 0 && i-t.start >= 3 {
		out.add(t.start, i)
	}
}

const maxBadChars = 8

// passwordNames are the user names of the seed and their reverses, lower case.
var passwordNames = [...]struct {
	word    string
	message apiclient.Text
}{
	{"root", apiclient.T("contains 'root'")},
	{"toor", apiclient.T("contains 'root' reversed")},
	{"administrator", apiclient.T("contains 'Administrator'")},
	{"rotartsinimda", apiclient.T("contains 'Administrator' reversed")},
}

const administrator = "administrator"

// passwordAnalysis is everything the rules found in one password. It lives on
// the stack so that checking a valid password allocates nothing.
type passwordAnalysis struct {
	pw      string
	length  int // characters
	groups  uint8
	bad     [maxBadChars]rune // distinct characters outside the allowed set
	nBad    int
	digits  spanList
	letters spanList
	keys    spanList
	names   [len(passwordNames)]span // end 0 = not found
	frags   spanList                 // runs shared with "administrator"
}

// letterIndex maps a byte to its letter's place in the alphabet, ignoring
// case (0 for a or A), or -1 for anything else; a table keeps the per-byte
// work of the hot loop branch-free.
var letterIndex = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = int8(c - 'a')
		t[c-'a'+'A'] = int8(c - 'a')
	}
	return t
}()

func lowerASCII(c byte) byte {
	if i := letterIndex[c]; i >= 0 {
		return 'a' + byte(i)
	}
	return c
}

func (a *passwordAnalysis) run(pw string) {
	a.pw = pw
	var digitRun, letterRun, keyRun runTracker
	n := len(pw)
	for i := 0; i < n; {
		c, size := pw[i], 1
		a.length++
		if c < utf8.RuneSelf {
			if g := asciiGroup[c]; g != 0 {
				a.groups |= g
			} else {
				a.addBad(rune(c))
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(pw[i:])
			a.addBad(r)
		}
		if i > 0 {
			// The step from the previous byte to this character's first
			// byte; a multi-byte character is neither digit nor letter, so
			// it ends every run, and so does the step after it.
			p, q := pw[i-1], pw[i]
			var dd, ld, kd int8
			if isDigit(p) && isDigit(q) {
				dd = unitStep(int(q) - int(p))
			} else if lp, lq := letterIndex[p], letterIndex[q]; lp >= 0 && lq >= 0 {
				ld = unitStep(int(lq) - int(lp))
				kd = keyStep[lp][lq]
			}
			digitRun.step(i, dd, &a.digits)
			letterRun.step(i, ld, &a.letters)
			keyRun.step(i, kd, &a.keys)
		}
		i += size
	}
	digitRun.flush(n, &a.digits)
	letterRun.flush(n, &a.letters)
	keyRun.flush(n, &a.keys)

	for k, name := range passwordNames {
		if at := indexFold(pw, name.word); at >= 0 {
			a.names[k] = span{at, at + len(name.word)}
		}
	}
	a.findFragments()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func unitStep(d int) int8 {
	if d == 1 || d == -1 {
		return int8(d)
	}
	return 0
}

func (a *passwordAnalysis) addBad(r rune) {
	for _, b := range a.bad[:min(a.nBad, maxBadChars)] {
		if b == r {
			return
		}
	}
	if a.nBad < maxBadChars {
		a.bad[a.nBad] = r
	}
	a.nBad++
}

// indexFold is strings.Index for an ASCII lower-case word, ignoring ASCII
// case in s, without allocating.
func indexFold(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		j := 0
		for j < len(word) && lowerASCII(s[i+j]) == word[j] {
			j++
		}
		if j == len(word) {
			return i
		}
	}
	return -1
}

// findFragments records, left to right, the longest runs of three or more
// characters that also appear in "administrator", skipping those inside a
// whole administrator or rotartsinimda already reported.
func (a *passwordAnalysis) findFragments() {
	pw := a.pw
	for i := 0; i+3 <= len(pw); {
		if !adminTrigram(pw[i], pw[i+1], pw[i+2]) {
			i++ // the common case: no fragment starts here
			continue
		}
		best := 0
		for j := 0; j+3 <= len(administrator); j++ {
			k := 0
			for i+k < len(pw) && j+k < len(administrator) && lowerASCII(pw[i+k]) == administrator[j+k] {
				k++
			}
			best = max(best, k)
		}
		if best < 3 {
			i++
			continue
		}
		if !a.insideName(i, i+best) {
			a.frags.add(i, i+best)
		}
		i += best
	}
}

// adminTrigrams marks every three-letter run of "administrator".
var adminTrigrams = func() (t [26 * 26 * 26]bool) {
	for i := 0; i+3 <= len(administrator); i++ {
		t[trigramIndex(administrator[i], administrator[i+1], administrator[i+2])] = true
	}
	return t
}()

func trigramIndex(a, b, c byte) int {
	return (int(a-'a')*26+int(b-'a'))*26 + int(c-'a')
}

// adminTrigram reports whether three bytes are, ignoring case, a run of
// "administrator".
func adminTrigram(a, b, c byte) bool {
	x, y, z := letterIndex[a], letterIndex[b], letterIndex[c]
	if x < 0 || y < 0 || z < 0 {
		return false
	}
	return adminTrigrams[(int(x)*26+int(y))*26+int(z)]
}

func (a *passwordAnalysis) insideName(start, end int) bool {
	for k := 2; k < len(a.names); k++ { // the two Administrator entries
		if n := a.names[k]; n.end != 0 && n.start <= start && end <= n.end {
			return true
		}
	}
	return false
}

func (a *passwordAnalysis) lengthOK() bool {
	return a.length >= passwordMinLen && a.length <= passwordMaxLen
}

func (a *passwordAnalysis) groupCount() int {
	n := 0
	for g := a.groups; g != 0; g &= g - 1 {
		n++
	}
	return n
}

func (a *passwordAnalysis) namesOK() bool {
	for _, n := range a.names {
		if n.end != 0 {
			return false
		}
	}
	return true
}

func (a *passwordAnalysis) ok() bool {
	return a.lengthOK() && a.groupCount() >= 3 && a.nBad == 0 && a.digits.n == 0 &&
		a.letters.n == 0 && a.keys.n == 0 && a.namesOK() && a.frags.n == 0
}

// CheckPassword returns one message per broken password rule, in the
// order of PasswordChecklist, each run or name found named separately, as
// Texts a page says in the person's language. A valid password gives nil
// without allocating. The messages quote the offending parts of the
// password, so they are for the person typing it, never a log.
func CheckPassword(pw string) []apiclient.Text {
	var a passwordAnalysis
	a.run(pw)
	if a.ok() {
		return nil
	}
	var out []apiclient.Text
	if !a.lengthOK() {
		out = append(out, apiclient.T("must be 8 to 26 characters; has %s", strconv.Itoa(a.length)))
	}
	if a.groupCount() < 3 {
		out = append(out, apiclient.T("needs characters from 3 of 4 groups (uppercase, lowercase, digits, special); has %v",
			a.groupSummary(groupWords)))
	}
	if a.nBad > 0 {
		out = append(out, a.badMessage())
	}
	for _, s := range a.digits.list() {
		out = append(out, apiclient.T("contains the consecutive digits %s", pw[s.start:s.end]))
	}
	if a.digits.n > maxSpans {
		out = append(out, apiclient.T("and %s more consecutive-digit runs", strconv.Itoa(a.digits.n-maxSpans)))
	}
	for _, s := range a.letters.list() {
		out = append(out, apiclient.T("contains the consecutive letters %s", pw[s.start:s.end]))
	}
	if a.letters.n > maxSpans {
		out = append(out, apiclient.T("and %s more consecutive-letter runs", strconv.Itoa(a.letters.n-maxSpans)))
	}
	for _, s := range a.keys.list() {
		out = append(out, apiclient.T("contains the keyboard sequence %s", pw[s.start:s.end]))
	}
	if a.keys.n > maxSpans {
		out = append(out, apiclient.T("and %s more keyboard sequences", strconv.Itoa(a.keys.n-maxSpans)))
	}
	for k, n := range a.names {
		if n.end != 0 {
			out = append(out, passwordNames[k].message)
		}
	}
	for _, s := range a.frags.list() {
		out = append(out, apiclient.T("shares '%s' with Administrator", pw[s.start:s.end]))
	}
	if a.frags.n > maxSpans {
		out = append(out, apiclient.T("and %s more parts shared with Administrator", strconv.Itoa(a.frags.n-maxSpans)))
	}
	return out
}

var (
	groupWords = [4]apiclient.Text{
		apiclient.T("uppercase"), apiclient.T("lowercase"), apiclient.T("digits"), apiclient.T("special"),
	}
	groupShortWords = [4]apiclient.Text{
		apiclient.T("upper"), apiclient.T("lower"), apiclient.T("digits"), apiclient.T("special"),
	}
)

// groupSummary says which groups the password has: "2: lowercase, digits".
// It is said only of a password with fewer than three groups.
func (a *passwordAnalysis) groupSummary(words [4]apiclient.Text) apiclient.Text {
	var has []apiclient.Text
	for i, w := range words {
		if a.groups&(1<<i) != 0 {
			has = append(has, w)
		}
	}
	if len(has) == 0 {
		return apiclient.T("none")
	}
	return apiclient.T("%d: %v", len(has), joinTexts(has)) // 1 or 2: no thousands
}

// joinTexts is "a, b, c", said in the person's language.
func joinTexts(ts []apiclient.Text) apiclient.Text {
	if len(ts) == 0 {
		return apiclient.Text{}
	}
	out := ts[0]
	for _, t := range ts[1:] {
		out = apiclient.T("%v, %v", out, t)
	}
	return out
}

// describeRunes lists distinct characters, n of them in all, the first
// (at most len(rs)) described: "'#', '&' and 3 more".
func describeRunes(rs []rune, n int) apiclient.Text {
	ts := make([]apiclient.Text, len(rs))
	for i, r := range rs {
		ts[i] = describeRune(r)
	}
	if n > len(rs) {
		return apiclient.T("%v and %s more", joinTexts(ts), strconv.Itoa(n-len(rs)))
	}
	return joinTexts(ts)
}

func (a *passwordAnalysis) badList() apiclient.Text {
	return describeRunes(a.bad[:min(a.nBad, maxBadChars)], a.nBad)
}

func (a *passwordAnalysis) badMessage() apiclient.Text {
	if a.nBad > 1 {
		return apiclient.T("contains %v, which are not allowed; use letters, digits and only these special characters: %s",
			a.badList(), PasswordSpecials)
	}
	return apiclient.T("contains %v, which is not allowed; use letters, digits and only these special characters: %s",
		a.badList(), PasswordSpecials)
}

// describeRune names one character so a person can find it: 'x', or a word
// for characters that do not show.
func describeRune(r rune) apiclient.Text {
	switch {
	case r == ' ':
		return apiclient.T("' ' (space)")
	case r == '\t':
		return apiclient.T("a tab")
	case r == '\'':
		return apiclient.T("an apostrophe (')")
	case r == utf8.RuneError:
		return apiclient.T("a byte that is not UTF-8")
	case r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return apiclient.T("the control character U+%s", strings.ToUpper(strconv.FormatInt(int64(r), 16)))
	}
	return apiclient.T("'%c'", r)
}

// Check is one line of the live password checklist. Rule and Why are what
// a page shows, in the person's language (locale.Say); Label and Detail are
// the same in English.
type Check struct {
	Rule apiclient.Text // what the rule asks, e.g. "no digit runs like 123 or 987"
	OK   bool
	Why  apiclient.Text // what broke it, e.g. `found "987"`; zero when OK
}

// lengthRules are the precomputed "8 to 26 characters (N)" labels, so the
// checklist of a typical password allocates nothing but its slice.
var lengthRules = func() (t [65]apiclient.Text) {
	for i := range t {
		t[i] = apiclient.T("8 to 26 characters (%s)", strconv.Itoa(i))
	}
	return t
}()

// Checklist labels, in the order of the design sketch.
var (
	labelGroups   = apiclient.T("3 of 4 groups: upper, lower, digits, special")
	labelAllowed  = apiclient.T("only letters, digits and %s", PasswordSpecials)
	labelDigits   = apiclient.T("no digit runs like 123 or 987")
	labelLetters  = apiclient.T("no letter runs like abc or CBA")
	labelKeyboard = apiclient.T("no keyboard runs like qwer or qaz")
	labelNames    = apiclient.T("no root, Administrator, or their reverses")
	labelFragment = apiclient.T("no 3 letters in a row from Administrator, like Adm")
)

// check is a Check of rule.
func check(rule apiclient.Text, ok bool) Check {
	return Check{Rule: rule, OK: ok}
}

// broken sets why c is broken.
func (c *Check) broken(why apiclient.Text) {
	c.Why = why
}

// PasswordChecklistLen is the number of checks PasswordChecklist returns.
const PasswordChecklistLen = 8

// PasswordChecklist checks pw against every rule group for the live
// checklist of the login screen: length, groups, allowed characters, digit
// runs, letter runs, keyboard runs, user names, parts of Administrator.
// A password is valid exactly when every check is OK.
func PasswordChecklist(pw string) []Check {
	return AppendPasswordChecklist(make([]Check, 0, PasswordChecklistLen), pw)
}

// AppendPasswordChecklist is PasswordChecklist appending to dst, for callers
// that reuse one slice on every keystroke.
func AppendPasswordChecklist(dst []Check, pw string) []Check {
	var a passwordAnalysis
	a.run(pw)

	var length Check
	if a.length < len(lengthRules) {
		length = check(lengthRules[a.length], a.lengthOK())
	} else {
		length = check(apiclient.T("8 to 26 characters (%s)", strconv.Itoa(a.length)), a.lengthOK())
	}
	if !length.OK {
		if a.length < passwordMinLen {
			length.broken(apiclient.T("too short"))
		} else {
			length.broken(apiclient.T("too long"))
		}
	}
	groups := check(labelGroups, a.groupCount() >= 3)
	if !groups.OK {
		groups.broken(apiclient.T("has %v", a.groupSummary(groupShortWords)))
	}
	allowed := check(labelAllowed, a.nBad == 0)
	if !allowed.OK {
		allowed.broken(apiclient.T("found %v", a.badList()))
	}
	names := check(labelNames, a.namesOK())
	if !names.OK {
		var found spanList
		for _, n := range a.names {
			if n.end != 0 {
				found.add(n.start, n.end)
			}
		}
		names.broken(foundDetail(pw, &found))
	}
	return append(dst,
		length,
		groups,
		allowed,
		runCheck(labelDigits, pw, &a.digits),
		runCheck(labelLetters, pw, &a.letters),
		runCheck(labelKeyboard, pw, &a.keys),
		names,
		runCheck(labelFragment, pw, &a.frags),
	)
}

func runCheck(rule apiclient.Text, pw string, runs *spanList) Check {
	c := check(rule, runs.n == 0)
	if !c.OK {
		c.broken(foundDetail(pw, runs))
	}
	return c
}

// foundDetail says `found "987", "321"` for the checklist.
func foundDetail(pw string, runs *spanList) apiclient.Text {
	var b strings.Builder
	for i, s := range runs.list() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(pw[s.start:s.end]))
	}
	if runs.n > maxSpans {
		return apiclient.T("found %s and %s more", b.String(), strconv.Itoa(runs.n-maxSpans))
	}
	return apiclient.T("found %s", b.String())
}
