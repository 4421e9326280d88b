package wizard

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The name rule of the createInstances table: "长度为1~64字符，可以包含中文、数字、
// 大小写字母、英文下划线“_”、中划线“-”或点“.”，不能以“.”作为首尾". Read as:
//
//   - length counts characters (a CJK character is one), 1..64;
//   - "中文" is any character of the Han script (unicode.Han, which covers the
//     CJK ideograph blocks and their extensions); CJK punctuation such as
//     "，" and full-width letters or digits are not Chinese characters and
//     are refused;
//   - letters and digits are ASCII a-z, A-Z, 0-9 (the seed says 大小写字母,
//     upper and lower case letters, which in JD Cloud's rules means ASCII);
//   - the stray "," after “.” in the seed's sentence is punctuation of the
//     sentence, not an allowed character;
//   - '.' may appear inside the name but not as its first or last character.

const nameMaxLen = 64

const maxNameBadChars = 8

// CheckName returns one message per broken name rule; nil when the name is
// valid.
func CheckName(name string) []string {
	if name == "" {
		return []string{"is required: 1 to 64 characters of Chinese, letters, digits, '_', '-' or '.'"}
	}
	var (
		n    int
		bad  [maxNameBadChars]rune
		nBad int
	)
	for _, r := range name {
		n++
		if nameRuneOK(r) {
			continue
		}
		seen := false
		for _, b := range bad[:min(nBad, maxNameBadChars)] {
			seen = seen || b == r
		}
		if !seen {
			if nBad < maxNameBadChars {
				bad[nBad] = r
			}
			nBad++
		}
	}
	var out []string
	if n > nameMaxLen {
		out = append(out, "must be 1 to 64 characters; has "+strconv.Itoa(n))
	}
	if nBad > 0 {
		var b strings.Builder
		b.WriteString("contains ")
		for i, r := range bad[:min(nBad, maxNameBadChars)] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(describeRune(r))
		}
		if nBad > maxNameBadChars {
			b.WriteString(" and " + strconv.Itoa(nBad-maxNameBadChars) + " more")
		}
		if nBad == 1 {
			b.WriteString(", which is not allowed")
		} else {
			b.WriteString(", which are not allowed")
		}
		b.WriteString("; use Chinese characters, letters, digits, '_', '-' or '.'")
		out = append(out, b.String())
	}
	if name[0] == '.' {
		out = append(out, "must not start with '.'")
	}
	if name[len(name)-1] == '.' {
		out = append(out, "must not end with '.'")
	}
	return out
}

func nameRuneOK(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
			r == '_' || r == '-' || r == '.'
	case r == utf8.RuneError:
		return false
	}
	return unicode.Is(unicode.Han, r)
}
